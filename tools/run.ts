/**
 * `npm start`: the whole platform on this machine's Postgres, Redis and NATS, with the embedded S3
 * endpoint, every service and the gateway. Ctrl-C stops everything cleanly.
 */
import { resolve } from 'node:path';
import { instanceNamespace, startPlatform } from '@pronote/platform';

const env = process.env;
const startedAt = Date.now();
const basePort = Number(env['PLATFORM_BASE_PORT'] ?? 3101);
const dataDir = resolve(env['PLATFORM_DATA_DIR'] ?? '.data');
const instance = await instanceNamespace(dataDir);
const platform = await startPlatform({
  dataDir,
  namespace: instance.namespace,
  databaseUrl: env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/pronote',
  natsUrl: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  redisUrl: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  ports: {
    accounts: basePort,
    bases: basePort + 1,
    backups: basePort + 2,
    publication: basePort + 3,
    sessions: basePort + 4,
    'runtime-sim': basePort + 5,
    gateway: Number(env['GATEWAY_PORT'] ?? 8443),
  },
  s3Port: Number(env['S3_EMBEDDED_PORT'] ?? 9000),
  operatorToken: env['OPERATOR_TOKEN'],
  logLevel: env['LOG_LEVEL'] ?? 'info',
  onLine: env['PLATFORM_QUIET'] ? undefined : (service, line) => process.stdout.write(`[${service}] ${line}\n`),
});

process.stdout.write(
  [
    '',
    `Gateway ready at ${platform.gatewayUrl} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    `  OpenAPI:        ${platform.gatewayUrl}/api/docs`,
    `  Operator token: ${platform.operatorToken}`,
    `  Root CA to trust: ${platform.rootCaFile} (curl --cacert; the gateway's certificate is issued by our CA)`,
    `  Instance:       ${instance.id} (state: ${dataDir}, Postgres schemas ${instance.id}_*, NATS stream ${instance.namespace.stream}, Redis prefix ${instance.namespace.redisPrefix})`,
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the platform...\n`);
    void platform.stop().then(() => process.exit(0));
  });
}
