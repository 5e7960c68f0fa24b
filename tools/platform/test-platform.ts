import { type HttpsResponse, TEST_DATABASE_URL, deleteRedisKeys, deleteStream, dropSchemas, freePort, httpsRequest, isolation } from '@pronote/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_SERVICES, type PlatformService } from './services.js';
import { type Platform, type PlatformOptions, startPlatform } from './platform.js';

export interface TestPlatform extends Platform {
  isolation: ReturnType<typeof isolation>;
  /** A JSON request to the gateway over HTTPS with the operator's token. */
  asOperator(method: string, path: string, body?: unknown): Promise<HttpsResponse>;
  /** Stops every process, then drops the test's schemas and data folder. */
  teardown(): Promise<void>;
}

/**
 * The platform for an end-to-end test: own Postgres schemas, NATS subject prefix and stream, Redis
 * prefix, S3 folder and free ports, so tests run in parallel and twice in a row.
 */
export async function startTestPlatform(
  options: Partial<Pick<PlatformOptions, 'only' | 'extraEnv' | 'natsUrl' | 'logLevel' | 'logDir'>> = {},
): Promise<TestPlatform> {
  const iso = isolation();
  const dataDir = await mkdtemp(join(tmpdir(), 'pronote-e2e-'));
  const ports = Object.fromEntries(
    await Promise.all(PLATFORM_SERVICES.map(async (service) => [service, await freePort()] as const)),
  ) as Record<PlatformService, number>;
  const lines: string[] = [];
  const platform = await startPlatform({
    dataDir,
    databaseUrl: TEST_DATABASE_URL,
    natsUrl: options.natsUrl ?? 'nats://127.0.0.1:4222',
    redisUrl: 'redis://127.0.0.1:6379',
    namespace: iso,
    ports,
    s3Port: await freePort(),
    logLevel: options.logLevel ?? 'warn',
    only: options.only,
    logDir: options.logDir,
    extraEnv: withTestDefaults(options.extraEnv),
    onLine: process.env['E2E_LOGS'] ? (service, line) => process.stdout.write(`[${service}] ${line}\n`) : (_s, line) => void lines.push(line),
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...platform,
    isolation: iso,
    asOperator: (method, path, body) =>
      httpsRequest(`${platform.gatewayUrl}${path}`, {
        method,
        ca: platform.tlsCertPem,
        headers: { authorization: `Bearer ${platform.operatorToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async teardown() {
      await platform.stop();
      await dropSchemas(PLATFORM_SERVICES.map((s) => platform.schemaOf(s)));
      await deleteStream(iso.stream, options.natsUrl);
      await deleteRedisKeys(iso.id);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Tests share a 2-core machine with each other: generous runtime and command timeouts keep a slow
 * moment from failing a test, while tests of timeouts set their own short values.
 */
const TEST_ENV_DEFAULTS: Partial<Record<PlatformService, Record<string, string>>> = {
  bases: { RUNTIME_TIMEOUT_MS: '10000' },
  gateway: { COMMAND_TIMEOUT_MS: '30000' },
};

function withTestDefaults(extraEnv: PlatformOptions['extraEnv'] = {}): PlatformOptions['extraEnv'] {
  return Object.fromEntries(
    PLATFORM_SERVICES.map((service) => [service, { ...TEST_ENV_DEFAULTS[service], ...extraEnv[service] }]),
  );
}
