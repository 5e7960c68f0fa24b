// docker-compose.yml, the Dockerfile and docs/operations.md checked against the code: there is no
// Docker engine here, so these files must be right by construction and stay right as services change.
import { loadConfig } from '@pronote/config';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatewayConfigShape } from '../../services/gateway/src/config/gateway.config.js';
import { renderConfigTables } from '../../tools/docs/render-config-tables.js';
import { SERVICE_CONFIG_SHAPES } from '../../tools/docs/service-shapes.js';
import { PLATFORM_SERVICES, entryOf } from '../../tools/platform/services.js';
import {
  checkDependencyConditions,
  checkInfrastructure,
  checkPlatformService,
  checkVariableReferences,
  mounts,
} from './compose-checks.js';
import { type ComposeFile, environmentOf, interpolate, parseCompose, parseEnvExample } from './compose-model.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const composeText = read('docker-compose.yml');
const envExampleText = read('deploy/.env.example');
const exampleEnv = parseEnvExample(envExampleText).set;

function platformProblems(compose: ComposeFile, shapes = SERVICE_CONFIG_SHAPES): string[] {
  return PLATFORM_SERVICES.flatMap((service) =>
    checkPlatformService({ compose, service, entry: entryOf(service), shape: shapes[service], exampleEnv, repoRoot }),
  );
}

/** A deep copy to break on purpose. */
const freshCompose = () => parseCompose(composeText);

describe('docker-compose.yml', () => {
  const compose = parseCompose(composeText);

  it('runs every platform service with its real entry point, a restart policy, its readiness probe, and a complete, valid environment', () => {
    expect(Object.keys(SERVICE_CONFIG_SHAPES).sort()).toEqual([...PLATFORM_SERVICES].sort());
    expect(platformProblems(compose)).toEqual([]);
  });

  it('runs the infrastructure with healthchecks and durability settings, and one-shot jobs that do not restart', () => {
    expect(checkInfrastructure(compose)).toEqual([]);
    expect(checkDependencyConditions(compose)).toEqual([]);
  });

  it('takes every secret from deploy/.env, and documents every variable it reads in deploy/.env.example', () => {
    expect(checkVariableReferences(composeText, envExampleText)).toEqual([]);
  });

  it('migrates the same database the services use, with the image and script of the repository', () => {
    const migrate = compose.services['migrate']!;
    expect(migrate.command).toEqual(['npm', 'run', 'db:migrate']);
    expect(JSON.parse(read('package.json')).scripts['db:migrate']).toMatch(/tools\/db\.ts migrate/);
    expect(migrate.image).toBe(compose.services['accounts']!.image);
    for (const service of PLATFORM_SERVICES) {
      const url = environmentOf(compose.services[service]!)['DATABASE_URL'];
      if (url !== undefined) expect(url).toBe(environmentOf(migrate)['DATABASE_URL']);
    }
  });

  it('publishes the gateway on 8443 with the operator-provided certificate mounted read-only', () => {
    const gateway = compose.services['gateway']!;
    const environment = Object.fromEntries(
      Object.entries(environmentOf(gateway)).map(([name, value]) => [name, interpolate(value, exampleEnv)]),
    );
    const config = loadConfig(gatewayConfigShape, environment);
    expect(gateway.ports).toContainEqual(`\${GATEWAY_PUBLISHED_PORT:-8443}:${config.HTTP_PORT}`);
    const tls = mounts(gateway, './deploy/tls');
    expect(tls).toEqual({ target: '/run/tls', readOnly: true });
    expect(dirname(config.TLS_CERT_FILE)).toBe(tls!.target);
    expect(dirname(config.TLS_KEY_FILE)).toBe(tls!.target);
  });

  it('refuses with a clear message when a required secret is missing from deploy/.env', () => {
    const { OPERATOR_TOKEN: _omitted, ...withoutToken } = exampleEnv;
    const value = environmentOf(compose.services['gateway']!)['OPERATOR_TOKEN']!;
    expect(() => interpolate(value, withoutToken)).toThrow(/OPERATOR_TOKEN: set OPERATOR_TOKEN in deploy\/\.env/);
  });
});

describe('the compose checks catch a broken file', () => {
  it('a required variable without wiring', () => {
    const compose = freshCompose();
    delete (compose.services['gateway']!.environment as Record<string, string>)['OPERATOR_TOKEN'];
    expect(platformProblems(compose)).toContain('gateway: required variable OPERATOR_TOKEN is not set');
  });

  it('a new required variable added to a service shape', () => {
    const shapes = { ...SERVICE_CONFIG_SHAPES, sessions: { ...SERVICE_CONFIG_SHAPES.sessions, SESSION_SIGNING_KEY: gatewayConfigShape.OPERATOR_TOKEN } };
    expect(platformProblems(freshCompose(), shapes)).toContain('sessions: required variable SESSION_SIGNING_KEY is not set');
  });

  it('a misspelt variable, a loopback default left alone, a secret written in clear, an invalid value', () => {
    const compose = freshCompose();
    const environment = compose.services['backups']!.environment as Record<string, string>;
    environment['REDIS_PREFX'] = 'pronote';
    delete environment['REDIS_URL'];
    environment['S3_SECRET_KEY'] = 'written-in-the-file';
    (compose.services['bases']!.environment as Record<string, string>)['HTTP_PORT'] = 'not-a-port';
    const problems = platformProblems(compose).join('\n');
    expect(problems).toMatch(/backups: sets REDIS_PREFX, which its configuration does not know/);
    expect(problems).toMatch(/backups: REDIS_URL defaults to redis:\/\/127\.0\.0\.1:6379, which is wrong in a container/);
    expect(problems).toMatch(/backups: secret S3_SECRET_KEY must be/);
    expect(problems).toMatch(/bases: its compose environment \(with deploy\/\.env\.example\) is refused: .*HTTP_PORT: invalid/);
  });

  it('a wrong entry point, probe port, restart policy or missing dependency', () => {
    const compose = freshCompose();
    compose.services['sessions']!.command = ['node', 'services/sessions/src/main.js'];
    compose.services['publication']!.healthcheck = { test: ['CMD', 'node', 'deploy/healthcheck.mjs', 'http://127.0.0.1:9999/health/ready'] };
    compose.services['accounts']!.restart = 'no';
    delete (compose.services['runtime-sim']!.depends_on as Record<string, unknown>)['minio-init'];
    const problems = platformProblems(compose).join('\n');
    expect(problems).toMatch(/sessions: command must be node --enable-source-maps/);
    expect(problems).toMatch(/publication: probe port 9999 but HTTP_PORT is 3104/);
    expect(problems).toMatch(/accounts: restart is no/);
    expect(problems).toMatch(/runtime-sim: must depend on minio-init with condition service_completed_successfully/);
  });

  it('Redis that may evict, NATS without its probe, a dependency on a service without healthcheck', () => {
    const compose = freshCompose();
    compose.services['redis']!.command = ['redis-server', '--appendonly', 'yes'];
    delete compose.services['nats']!.healthcheck;
    const problems = [...checkInfrastructure(compose), ...checkDependencyConditions(compose)].join('\n');
    expect(problems).toMatch(/redis: must run with --maxmemory-policy noeviction/);
    expect(problems).toMatch(/nats: has no healthcheck/);
    expect(problems).toMatch(/accounts: waits for nats to be healthy, which has no healthcheck/);
  });

  it('a variable interpolated but absent from deploy/.env.example', () => {
    const text = `${composeText}\nx-extra:\n  A: "\${NEW_SECRET:?set it}"\n  B: "\${UNDOCUMENTED:-x}"\n`;
    expect(checkVariableReferences(text, envExampleText)).toEqual([
      '${NEW_SECRET:?...} is not set in deploy/.env.example',
      '${UNDOCUMENTED} is not documented in deploy/.env.example',
    ]);
  });
});

describe('deploy/Dockerfile and .dockerignore', () => {
  const dockerfile = read('deploy/Dockerfile');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds from node:20-bookworm-slim with npm ci and the Prisma clients, and runs as a non-root user in production mode', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run db:generate$/m);
    expect(finalStage).toMatch(/^ENV NODE_ENV=production$/m);
    const users = [...finalStage.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
  });

  it('keeps dependencies, generated clients, secrets and local data out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', '.git', '.env', 'deploy/tls', '.data', 'services/*/src/generated']) expect(ignored).toContain(entry);
  });
});

describe('docs/operations.md', () => {
  it('lists the configuration variables exactly as the services validate them today', () => {
    const tables = renderConfigTables(SERVICE_CONFIG_SHAPES);
    const doc = read('docs/operations.md');
    if (!doc.includes(tables)) {
      throw new Error('docs/operations.md is out of date: run node --import @swc-node/register/esm-register tools/docs/config-table.ts --write docs/operations.md');
    }
  });
});
