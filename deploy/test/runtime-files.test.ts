// The files compose hands to real programs, run by those programs here: the container healthcheck
// script, deploy/nats/nats.conf on nats-server, the Redis command line and the services' REDIS_URL.
// Private servers on free ports, stopped by PID; the shared ones are never touched.
import { freePort, waitFor, waitForPort } from '@pronote/testing';
import { Redis } from 'ioredis';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureDevTls } from '../../tools/platform/dev-tls.js';
import { commandWords } from './compose-checks.js';
import { environmentOf, healthcheckWords, interpolate, parseCompose, parseEnvExample } from './compose-model.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const compose = parseCompose(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'));
const exampleEnv = parseEnvExample(readFileSync(join(repoRoot, 'deploy/.env.example'), 'utf8')).set;
const run = promisify(execFile);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deploy-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

describe('deploy/healthcheck.mjs', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((done) => server.close(done));
  });

  async function serve(server: Server): Promise<number> {
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return (server.address() as { port: number }).port;
  }

  async function probe(url: string): Promise<{ code: number; stderr: string }> {
    try {
      await run(process.execPath, [join(repoRoot, 'deploy/healthcheck.mjs'), url]);
      return { code: 0, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, stderr: failed.stderr };
    }
  }

  it('is healthy on 200 only, and says why otherwise', async () => {
    const port = await serve(createHttpServer((req, res) => res.writeHead(req.url === '/health/ready' ? 200 : 503).end()));
    expect(await probe(`http://127.0.0.1:${port}/health/ready`)).toEqual({ code: 0, stderr: '' });
    const notReady = await probe(`http://127.0.0.1:${port}/other`);
    expect(notReady.code).toBe(1);
    expect(notReady.stderr).toMatch(/answered 503/);
    const closed = await freePort();
    expect((await probe(`http://127.0.0.1:${closed}/health/ready`)).code).toBe(1);
  });

  it('accepts the gateway certificate on loopback (issued for another name)', async () => {
    const tls = await ensureDevTls(join(scratch, 'tls'));
    const key = readFileSync(tls.keyFile);
    const port = await serve(createHttpsServer({ cert: tls.certPem, key }, (_req, res) => res.writeHead(200).end()));
    expect((await probe(`https://127.0.0.1:${port}/health/ready`)).code).toBe(0);
  });

  it('gives up on a server that never answers, before the compose healthcheck timeout (5 s)', async () => {
    const port = await serve(createHttpServer(() => undefined));
    const startedAt = Date.now();
    const hung = await probe(`http://127.0.0.1:${port}/health/ready`);
    expect(hung.code).toBe(1);
    expect(hung.stderr).toMatch(/no answer within/);
    expect(Date.now() - startedAt).toBeLessThan(5000);
  });
});

describe('deploy/nats/nats.conf', () => {
  it('starts JetStream on nats-server, and the compose healthcheck URL reports it healthy', async () => {
    const conf = readFileSync(join(repoRoot, 'deploy/nats/nats.conf'), 'utf8');
    expect(conf).toMatch(/^jetstream \{[^}]*^\s*sync_interval: always$/ms);
    const [clientPort, monitorPort] = [await freePort(), await freePort()];
    const { stdout } = await run('nats-server', ['--version']);
    const [major, minor] = (/v(\d+)\.(\d+)/.exec(stdout) ?? []).slice(1).map(Number);
    const knowsSyncInterval = major! > 2 || (major === 2 && minor! >= 10);
    const local = conf
      .replace(/^listen: .*$/m, `listen: 127.0.0.1:${clientPort}`)
      .replace(/^http_port: .*$/m, `http_port: ${monitorPort}`)
      .replace(/^(\s*store_dir:) .*$/m, `$1 ${join(scratch, 'nats')}`)
      // sync_interval appeared in nats-server 2.10 (the compose image); older local servers refuse it.
      .replace(/^\s*sync_interval: .*$/m, knowsSyncInterval ? '$&' : '');
    const confFile = join(scratch, 'nats.conf');
    await writeFile(confFile, local);
    const server = spawn('nats-server', ['--config', confFile], { stdio: 'ignore' });
    try {
      await waitForPort(clientPort);
      const probeUrl = healthcheckWords(compose.services['nats']!).find((word) => word.startsWith('http://'))!;
      const url = probeUrl.replace('127.0.0.1:8222', `127.0.0.1:${monitorPort}`);
      const health = await waitFor(async () => {
        const response = await fetch(url);
        return response.ok ? ((await response.json()) as { status: string }) : undefined;
      }, { what: 'NATS healthz' });
      expect(health.status).toBe('ok');
      const varz = (await (await fetch(`http://127.0.0.1:${monitorPort}/varz`)).json()) as { jetstream?: { config?: { store_dir?: string } } };
      expect(varz.jetstream?.config?.store_dir).toBe(join(scratch, 'nats', 'jetstream'));
    } finally {
      await stopProcess(server);
    }
  });
});

describe('the Redis command line of docker-compose.yml', () => {
  it('runs redis-server with noeviction and append-only files, and the services\' REDIS_URL authenticates', async () => {
    const args = commandWords(compose.services['redis']).map((word) => interpolate(word, exampleEnv));
    expect(args[0]).toBe('redis-server');
    const port = await freePort();
    const dataDir = join(scratch, 'redis');
    await rm(dataDir, { recursive: true, force: true });
    await run('mkdir', ['-p', dataDir]);
    const server = spawn('redis-server', [...args.slice(1), '--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir], { stdio: 'ignore' });
    const redisUrl = interpolate(environmentOf(compose.services['backups']!)['REDIS_URL']!, exampleEnv).replace('@redis:6379', `@127.0.0.1:${port}`);
    const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await waitForPort(port);
      await client.connect();
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      // The compose healthcheck authenticates with REDISCLI_AUTH; without the password, no PONG.
      const redisEnv = environmentOf(compose.services['redis']!);
      const auth = interpolate(redisEnv['REDISCLI_AUTH']!, exampleEnv);
      const withAuth = await run('redis-cli', ['-p', String(port), 'ping'], { env: { ...process.env, REDISCLI_AUTH: auth } });
      expect(withAuth.stdout.trim()).toBe('PONG');
      const withoutAuth = await run('redis-cli', ['-p', String(port), 'ping'], { env: { ...process.env, REDISCLI_AUTH: '' } });
      expect(withoutAuth.stdout).not.toMatch(/PONG/);
    } finally {
      client.disconnect();
      await stopProcess(server);
    }
  });
});
