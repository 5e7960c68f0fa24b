/**
 * Gateway read path: GET /api/v1/operator/accounts/:id over HTTPS (operator guard, NATS request/reply
 * to accounts then bases, Postgres) at 50 connections, against a NestJS-on-Fastify hello-world over
 * HTTPS measured in the same run. Targets (issue #2): ≥ 0.3× the hello-world, p99 < 20 ms.
 */
import { ServiceProcess } from '@pronote/supervisor';
import { freePort, httpsRequest, waitFor } from '@pronote/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevTls } from '../tools/platform/dev-tls.js';
import { startTestPlatform } from '../tools/platform/index.js';
import { duration } from './support/bench-env.js';
import { cpuPerRequest, measureLoad, type LoadResult } from './support/load.js';
import { log, reportResult } from './support/result.js';

const CONNECTIONS = 50;
const MEASURE_MS = duration(20_000, 3_000);
const WARMUP_MS = duration(3_000, 500);
/** The services' production log level: every request is logged, as it would be. */
const LOG_LEVEL = 'info';

const ROOT = join(import.meta.dirname, '..');

/** Same kind of development certificate as the gateway's (tools/platform/dev-tls.ts). */
async function startHelloWorld(tlsDir: string): Promise<{ url: string; process: ServiceProcess }> {
  const tls = await ensureDevTls(tlsDir);
  const port = await freePort();
  const url = `https://127.0.0.1:${port}/hello`;
  const hello = new ServiceProcess({
    name: 'hello-nest',
    entry: 'bench/support/hello-nest.ts',
    cwd: ROOT,
    env: { HELLO_PORT: String(port), HELLO_CERT_FILE: tls.certFile, HELLO_KEY_FILE: tls.keyFile },
    readinessUrl: url,
    fetchReady: async (probe) => (await httpsRequest(probe, { ca: tls.certPem, timeoutMs: 2000 }).catch(() => undefined))?.status === 200,
  });
  hello.start();
  await hello.waitReady();
  return { url, process: hello };
}

function describe(name: string, load: LoadResult): void {
  log(`${name}: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.failures} failures / ${load.total}`);
  log(`  CPU per request: ${cpuPerRequest(load)}`);
}

const helloTlsDir = await mkdtemp(join(tmpdir(), 'bench-hello-tls-'));
// The services write their logs to files, as in production (a collector, not the load generator, reads them).
const logDir = await mkdtemp(join(tmpdir(), 'bench-gateway-logs-'));
const platform = await startTestPlatform({ only: ['accounts', 'bases', 'gateway'], logLevel: LOG_LEVEL, logDir });
let hello: ServiceProcess | undefined;
try {
  const operator = { authorization: `Bearer ${platform.operatorToken}` };
  const created = await httpsRequest(`${platform.gatewayUrl}/api/v1/operator/accounts`, {
    method: 'POST',
    ca: platform.tlsCertPem,
    headers: { ...operator, 'content-type': 'application/json' },
    body: JSON.stringify({
      uai: '0750654D',
      schoolName: 'Lycée du banc d’essai',
      contactEmail: 'direction@ac-bench.fr',
      contactPhone: '0612345678',
      licences: 4,
    }),
  });
  if (created.status !== 201) throw new Error(`account creation answered ${created.status}: ${created.text}`);
  const accountUrl = `${platform.gatewayUrl}/api/v1/operator/accounts/${created.json<{ id: string }>().id}`;
  // Measure the full read: account from accounts, tenant from bases (recorded from the event).
  await waitFor(
    async () => {
      const read = await httpsRequest(accountUrl, { ca: platform.tlsCertPem, headers: operator });
      return read.json<{ tenant?: { status: string } }>().tenant?.status === 'ready';
    },
    { what: 'the tenant recorded by bases', timeoutMs: 30_000 },
  );

  const helloWorld = await startHelloWorld(helloTlsDir);
  hello = helloWorld.process;
  const baseline = await measureLoad({
    url: helloWorld.url,
    connections: CONNECTIONS,
    durationMs: MEASURE_MS,
    warmupMs: WARMUP_MS,
    watch: { 'hello-world': hello.pid },
  });
  describe('NestJS-on-Fastify hello-world (HTTPS)', baseline);
  await hello.stop();
  hello = undefined;

  const gateway = await measureLoad({
    url: accountUrl,
    headers: operator,
    connections: CONNECTIONS,
    durationMs: MEASURE_MS,
    warmupMs: WARMUP_MS,
    watch: Object.fromEntries(['gateway', 'accounts', 'bases'].map((service) => [service, platform.processes.get(service as 'gateway')?.pid])),
  });
  describe('gateway GET account (HTTPS → NATS → accounts + bases → Postgres)', gateway);

  const ratio = gateway.requestsPerSecond / baseline.requestsPerSecond;
  reportResult({
    name: 'gateway-read',
    project: { label: 'GET account through the gateway', value: gateway.requestsPerSecond, unit: 'req/s' },
    baseline: { label: 'NestJS-on-Fastify hello-world over HTTPS', value: baseline.requestsPerSecond, unit: 'req/s' },
    ratio,
    figures: [
      { label: 'p50', value: gateway.p50, unit: 'ms' },
      { label: 'p99', value: gateway.p99, unit: 'ms' },
      { label: 'hello-world p99', value: baseline.p99, unit: 'ms' },
      { label: 'failed requests', value: gateway.failures, unit: '' },
    ],
    targets: [
      { label: '≥ 0.3× hello-world', met: ratio >= 0.3 },
      { label: 'p99 < 20 ms', met: gateway.p99 < 20 },
      { label: 'no failed request', met: gateway.failures === 0 && baseline.failures === 0 },
    ],
  });
} finally {
  await hello?.stop();
  await platform.teardown();
  await rm(helloTlsDir, { recursive: true, force: true });
  await rm(logDir, { recursive: true, force: true });
}
