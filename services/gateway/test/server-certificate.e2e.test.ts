import { connectBus, sendCommand } from '@pronote/bus';
import { IssueServerCertificate } from '@pronote/contracts';
import { type TestPlatform, ensureDevTls, startTestPlatform } from '@pronote/platform';
import { ServiceProcess } from '@pronote/supervisor';
import { freePort, httpsRequest, waitFor } from '@pronote/testing';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DetailedPeerCertificate } from 'node:tls';
import pg from 'pg';

/**
 * One trust chain: the gateway's HTTPS certificate is issued by our CA (enrolment with accounts),
 * clients trust only our root, and the certificate is renewed at half life on the running gateway.
 * Server certificates live 12 s here, so the gateway renews every ~5 s.
 */
describe('the gateway server certificate, issued by our CA', () => {
  let platform: TestPlatform;
  let db: pg.Client;
  const spawned: ServiceProcess[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({
      only: ['accounts', 'gateway'],
      extraEnv: { accounts: { SERVER_CERTIFICATE_VALIDITY_MS: '12000' }, gateway: { TLS_ENROLMENT_RETRY_MS: '500' } },
    });
    db = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test' });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    for (const child of spawned) await child.stop();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
    await db?.end();
    await platform?.teardown();
  }, 60_000);

  const port = () => Number(new URL(platform.gatewayUrl).port);

  /** One handshake trusting only what is given; returns the served chain and whether it verified. */
  const handshake = (ca: string, targetPort = port()) =>
    new Promise<{ authorized: boolean; error?: Error; leaf: DetailedPeerCertificate }>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: targetPort, ca, rejectUnauthorized: false, servername: 'localhost' }, () => {
        const leaf = socket.getPeerCertificate(true);
        resolve({ authorized: socket.authorized, error: socket.authorizationError ?? undefined, leaf });
        socket.end();
      });
      socket.on('error', reject);
    });

  const serverCertificateRows = async () =>
    (
      await db.query<{ serialNumber: string; dnsNames: string[]; ipAddresses: string[]; notAfter: Date }>(
        `SELECT "serialNumber", "dnsNames", "ipAddresses", "notAfter" FROM "${platform.schemaOf('accounts')}"."ServerCertificate" ORDER BY "issuedAt"`,
      )
    ).rows;

  /** A gateway beside the platform's, on the same isolated NATS subjects and Redis prefix. */
  const spawnGateway = async (env: Record<string, string>, ca?: string) => {
    const httpPort = await freePort();
    const child = new ServiceProcess({
      name: 'gateway-extra',
      entry: 'services/gateway/src/main.ts',
      env: {
        LOG_LEVEL: 'warn',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(httpPort),
        NATS_URL: 'nats://127.0.0.1:4222',
        NATS_SUBJECT_PREFIX: platform.isolation.subjectPrefix,
        NATS_STREAM: platform.isolation.stream,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: platform.isolation.redisPrefix,
        OPERATOR_TOKEN: platform.operatorToken,
        S3_ENDPOINT: platform.s3.endpoint,
        S3_ACCESS_KEY: platform.s3.accessKey,
        S3_SECRET_KEY: platform.s3.secretKey,
        S3_BUCKET: platform.s3.bucket,
        ...env,
      },
      readinessUrl: `https://127.0.0.1:${httpPort}/health/ready`,
      fetchReady: async (url) => (await httpsRequest(url, { ca, timeoutMs: 2000 }).catch(() => undefined))?.status === 200,
    });
    spawned.push(child);
    child.start();
    return { child, httpPort };
  };

  it('serves a certificate of our issuing CA that a client trusting only our root accepts', async () => {
    const root = new X509Certificate(platform.tlsCertPem);
    expect(root.ca).toBe(true);
    expect(root.checkIssued(root)).toBe(true);
    expect(root.subject).toMatch(/Root CA/);

    const served = await handshake(platform.tlsCertPem);
    expect(served.error).toBeUndefined();
    expect(served.authorized).toBe(true);
    const leaf = new X509Certificate(served.leaf.raw);
    const issuing = new X509Certificate(served.leaf.issuerCertificate.raw);
    expect(issuing.subject).toMatch(/Issuing CA/);
    expect(leaf.checkIssued(issuing) && leaf.verify(issuing.publicKey)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');

    // Recorded by accounts: serial, names, notAfter (never the key).
    const rows = await serverCertificateRows();
    const row = rows.find((candidate) => candidate.serialNumber === leaf.serialNumber.toLowerCase());
    expect(row).toMatchObject({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1', '::1'] });
    expect(row!.notAfter.getTime()).toBe(new Date(leaf.validTo).getTime());

    // The old self-signed development certificate is gone: the platform's CA is the root itself.
    const answer = await httpsRequest(`${platform.gatewayUrl}/health/ready`, { ca: platform.tlsCertPem });
    expect(answer.status).toBe(200);
  });

  it('renews the certificate at half life on the running gateway, without restart', async () => {
    const gateway = platform.processes.get('gateway')!;
    const pid = gateway.pid;
    const first = new X509Certificate((await handshake(platform.tlsCertPem)).leaf.raw);
    const firstLife = new Date(first.validTo).getTime() - new Date(first.validFrom).getTime();
    expect(firstLife).toBe(12_000);

    const renewed = await waitFor(
      async () => {
        const served = await handshake(platform.tlsCertPem);
        return served.leaf.serialNumber !== first.serialNumber ? served : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(renewed.authorized).toBe(true);
    const second = new X509Certificate(renewed.leaf.raw);
    // Renewed well before the first one expired (at about its half life).
    expect(Date.now()).toBeLessThan(new Date(first.validTo).getTime());
    expect(new Date(second.validTo).getTime()).toBeGreaterThan(new Date(first.validTo).getTime());
    expect(gateway.pid).toBe(pid);
    expect((await httpsRequest(`${platform.gatewayUrl}/health/ready`, { ca: platform.tlsCertPem })).status).toBe(200);
    expect((await serverCertificateRows()).map((row) => row.serialNumber)).toEqual(
      expect.arrayContaining([first.serialNumber.toLowerCase(), second.serialNumber.toLowerCase()]),
    );
  }, 30_000);

  it('refuses the enrolment without the shared token, and records nothing', async () => {
    const before = (await serverCertificateRows()).length;
    const bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'intruder', subjectPrefix: platform.isolation.subjectPrefix });
    try {
      await bus.ready();
      await expect(
        sendCommand(bus, IssueServerCertificate, { enrolmentToken: 'x'.repeat(43), dnsNames: ['console.evil.test'], ipAddresses: [] }),
      ).rejects.toMatchObject({ code: 'SERVER_ENROLMENT_TOKEN_INVALID' });
    } finally {
      await bus.close();
    }
    // A gateway given a wrong token does not come up: exit 1 with the refusal, never ready.
    const { child } = await spawnGateway({ GATEWAY_ENROLMENT_TOKEN: 'y'.repeat(40) }, platform.tlsCertPem);
    await expect(child.waitReady(60_000)).rejects.toThrow(/exited with 1/);
    expect(child.tail()).toMatch(/SERVER_ENROLMENT_TOKEN_INVALID/);
    const issuedSince = (await serverCertificateRows()).slice(before);
    expect(issuedSince.every((row) => !row.dnsNames.includes('console.evil.test'))).toBe(true);
  }, 90_000);

  it('serves the operator\'s own certificate when TLS_CERT_FILE and TLS_KEY_FILE are given (no enrolment)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gateway-byo-tls-'));
    folders.push(folder);
    const own = await ensureDevTls(folder);
    const { child, httpPort } = await spawnGateway({ TLS_CERT_FILE: own.certFile, TLS_KEY_FILE: own.keyFile }, own.certPem);
    await child.waitReady(60_000);
    const served = await handshake(own.certPem, httpPort);
    expect(served.authorized).toBe(true);
    expect(new X509Certificate(served.leaf.raw).fingerprint256).toBe(new X509Certificate(own.certPem).fingerprint256);
    // And it is not trusted by our root: it really is the operator's certificate.
    expect((await handshake(platform.tlsCertPem, httpPort)).authorized).toBe(false);
  }, 75_000);
});
