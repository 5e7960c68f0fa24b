import { applyMigrations, ensureDatabaseExists, findServicesWithPrisma } from '@pronote/db';
import { startEmbeddedS3 } from '@pronote/storage';
import { ServiceProcess } from '@pronote/supervisor';
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCaKey, writeRootCa } from './dev-tls.js';
import { fetchRootCa } from './root-ca.js';
import { PLATFORM_SERVICES, type PlatformService, entryOf } from './services.js';

export interface PlatformOptions {
  /** Folder for the embedded S3 data, the CA key-encryption key and `tls/root-ca.pem`. */
  dataDir: string;
  databaseUrl: string;
  natsUrl: string;
  redisUrl: string;
  /** Isolation: schema prefix (`<prefix>_accounts`), subject prefix, stream, Redis prefix. */
  namespace?: { schemaPrefix: string; subjectPrefix: string; stream: string; redisPrefix: string };
  /** First port; services take the following ones. 0 = free ports chosen by the caller. */
  ports: Record<PlatformService, number>;
  s3Port: number;
  operatorToken?: string;
  logLevel?: string;
  onLine?: (service: string, line: string) => void;
  /** Each service's output appended to `<logDir>/<service>.log` instead of piped to this process (see ServiceProcess.logFile). */
  logDir?: string;
  extraEnv?: Partial<Record<PlatformService, Record<string, string>>>;
  /** Only these services (tests of one flow may not need all of them). */
  only?: readonly PlatformService[];
}

export interface Platform {
  gatewayUrl: string;
  /** Where the local notification senders write SMS and e-mails (`sms.jsonl`, `email.jsonl`). */
  notificationsDir: string;
  operatorToken: string;
  /** Our root CA certificate: the gateway's server certificate (and every school's) chains to it. */
  tlsCertPem: string;
  /** The same, as a file (`curl --cacert`). */
  rootCaFile: string;
  processes: Map<PlatformService, ServiceProcess>;
  s3: { endpoint: string; accessKey: string; secretKey: string; bucket: string };
  schemaOf(service: string): string;
  stop(): Promise<void>;
}

const S3_ACCESS_KEY = 'pronote-dev';
/** First start creates the CA (two RSA keys) and compiles every service: slow on a busy 2-core machine. */
const READY_TIMEOUT_MS = 120_000;
const S3_SECRET_KEY = 'pronote-dev-secret';

/** Migrates, starts the embedded S3 endpoint, then every service, each waited for until ready. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const root = resolve(import.meta.dirname, '../..');
  const schemaOf = (service: string) => {
    const base = service.replace(/-/g, '_');
    return options.namespace ? `${options.namespace.schemaPrefix}_${base}` : base;
  };

  await ensureDatabaseExists(options.databaseUrl);
  for (const layout of await findServicesWithPrisma(join(root, 'services'))) {
    await applyMigrations({ connectionString: options.databaseUrl, schema: schemaOf(layout.service), migrationsDir: layout.migrationsDir });
  }

  const s3 = await startEmbeddedS3({
    directory: join(options.dataDir, 's3'),
    port: options.s3Port,
    accessKey: S3_ACCESS_KEY,
    secretKey: S3_SECRET_KEY,
  });
  const operatorToken = options.operatorToken ?? randomBytes(24).toString('base64url');
  const caKeyEncryptionKey = await ensureCaKey(join(options.dataDir, 'tls'));
  const notificationsDir = join(options.dataDir, 'notifications');
  // Shared by accounts and the gateway only, new at every start: proves the enrolment is the gateway's.
  const enrolmentToken = randomBytes(32).toString('base64url');
  const accountsEnv: Record<string, string> = {
    CA_KEY_ENCRYPTION_KEY: caKeyEncryptionKey,
    GATEWAY_ENROLMENT_TOKEN: enrolmentToken,
    NOTIFY_SMS_URL: pathToFileURL(notificationsDir).href,
    NOTIFY_EMAIL_URL: pathToFileURL(notificationsDir).href,
  };
  const bucket = options.namespace ? options.namespace.subjectPrefix.replace(/_/g, '-') : 'pronote-hosting';

  const common: Record<string, string> = {
    LOG_LEVEL: options.logLevel ?? 'info',
    HTTP_HOST: '127.0.0.1',
    NATS_URL: options.natsUrl,
    NATS_SUBJECT_PREFIX: options.namespace?.subjectPrefix ?? '',
    NATS_STREAM: options.namespace?.stream ?? 'HOSTING',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.namespace?.redisPrefix ?? 'pronote',
    S3_ENDPOINT: `http://127.0.0.1:${s3.port}`,
    S3_ACCESS_KEY,
    S3_SECRET_KEY,
    S3_BUCKET: bucket,
  };

  const processes = new Map<PlatformService, ServiceProcess>();
  let rootCaPem = '';
  let rootCaFile = '';
  const stopAll = async () => {
    for (const service of [...processes.keys()].reverse()) await processes.get(service)!.stop();
    await s3.close();
  };

  try {
    const selected = PLATFORM_SERVICES.filter((s) => !options.only || options.only.includes(s));
    const backends = selected.filter((s) => s !== 'gateway');
    for (const service of backends) {
      processes.set(
        service,
        spawnService(service, {
          ...common,
          ...(service === 'accounts' ? accountsEnv : {}),
          DATABASE_SCHEMA: schemaOf(service),
          HTTP_PORT: String(options.ports[service]),
        }),
      );
    }
    await Promise.all(backends.map((service) => processes.get(service)!.waitReady(READY_TIMEOUT_MS)));
    if (selected.includes('accounts')) {
      rootCaPem = await fetchRootCa(options.natsUrl, common['NATS_SUBJECT_PREFIX']!);
      rootCaFile = await writeRootCa(join(options.dataDir, 'tls'), rootCaPem);
    }
    if (selected.includes('gateway')) {
      if (!rootCaPem) throw new Error('the gateway enrols its server certificate with accounts: start accounts too');
      // No TLS_CERT_FILE: the gateway enrols with accounts and serves a certificate of our CA.
      const gateway = spawnService('gateway', {
        ...common,
        HTTP_PORT: String(options.ports.gateway),
        GATEWAY_ENROLMENT_TOKEN: enrolmentToken,
        TLS_SERVER_NAMES: 'localhost,127.0.0.1,::1',
        OPERATOR_TOKEN: operatorToken,
      });
      processes.set('gateway', gateway);
      await gateway.waitReady(READY_TIMEOUT_MS);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    gatewayUrl: `https://127.0.0.1:${options.ports.gateway}`,
    notificationsDir,
    operatorToken,
    tlsCertPem: rootCaPem,
    rootCaFile,
    processes,
    s3: { endpoint: common['S3_ENDPOINT']!, accessKey: S3_ACCESS_KEY, secretKey: S3_SECRET_KEY, bucket },
    schemaOf,
    stop: stopAll,
  };

  function spawnService(service: PlatformService, env: Record<string, string>): ServiceProcess {
    const isGateway = service === 'gateway';
    const child = new ServiceProcess({
      name: service,
      entry: entryOf(service),
      cwd: root,
      env: { ...env, ...options.extraEnv?.[service] },
      readinessUrl: `${isGateway ? 'https' : 'http'}://127.0.0.1:${env['HTTP_PORT']}/health/ready`,
      fetchReady: isGateway ? (url) => httpsOk(url, rootCaPem) : undefined,
      onLine: options.onLine,
      logFile: options.logDir ? join(options.logDir, `${service}.log`) : undefined,
    });
    child.start();
    return child;
  }
}

function httpsOk(url: string, ca: string): Promise<boolean> {
  return new Promise((resolveOk) => {
    const req = request(url, { ca, timeout: 2000 }, (res) => {
      res.resume();
      resolveOk(res.statusCode === 200);
    });
    req.on('error', () => resolveOk(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
