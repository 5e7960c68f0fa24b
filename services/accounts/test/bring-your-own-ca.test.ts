import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { applyMigrations, servicePrismaLayout } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { TEST_DATABASE_URL, deleteStream, dropSchemas, isolation, waitFor } from '@pronote/testing';
import forge from 'node-forge';
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { AppModule } from '../src/app.module.js';
import { createTestCertificateAuthority, type TestCertificateAuthority } from '../src/certificates/authority/certificate-authority.fixture.js';
import { generateCrl } from '../src/certificates/authority/crl.js';
import { openPrivateKey } from '../src/certificates/authority/key-sealing.js';
import { x509 } from '../src/certificates/authority/x509.js';
import { CertificatesService } from '../src/certificates/certificates.service.js';
import { CrlPublisher } from '../src/certificates/crl-publisher.js';
import { loadAccountsConfig } from '../src/config/accounts.config.js';
import { InvoicesService } from '../src/invoices/invoices.service.js';

/**
 * Operators who bring their own two-tier CA as PEM files (encrypted issuing key, root CRL they keep
 * fresh): accounts issues with it, publishes its CRLs, and refuses to start on a database that
 * issued with another CA.
 */
describe('accounts with a CA brought as PEM files', () => {
  const iso = isolation();
  const schema = `${iso.schemaPrefix}_accounts`;
  let folder: string;
  let ca: TestCertificateAuthority;
  let app: INestApplication | undefined;
  const logger = createLogger({ service: 'accounts', level: 'error' });

  async function caFiles(authority: TestCertificateAuthority, name: string): Promise<Record<string, string>> {
    const pkcs8 = openPrivateKey(authority.stored.issuing.sealedPrivateKey, authority.keyring);
    const encryptedKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'operator secret' });
    const rootCrl = await generateCrl(authority.rootSigner, { crlNumber: 7n, revoked: [] });
    const files = {
      CA_ROOT_CERT_FILE: join(folder, `${name}-root.pem`),
      CA_ISSUING_CERT_FILE: join(folder, `${name}-issuing.pem`),
      CA_ISSUING_KEY_FILE: join(folder, `${name}-issuing.key`),
      CA_ROOT_CRL_FILE: join(folder, `${name}-root.crl`),
    };
    await writeFile(files.CA_ROOT_CERT_FILE, authority.stored.root.certificatePem);
    await writeFile(files.CA_ISSUING_CERT_FILE, authority.stored.issuing.certificatePem);
    await writeFile(files.CA_ISSUING_KEY_FILE, encryptedKey as string, { mode: 0o600 });
    await writeFile(files.CA_ROOT_CRL_FILE, rootCrl.pem);
    return { ...files, CA_ISSUING_KEY_PASSPHRASE: 'operator secret' };
  }

  async function start(files: Record<string, string>): Promise<INestApplication> {
    const config = loadAccountsConfig({
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      NATS_SUBJECT_PREFIX: iso.subjectPrefix,
      NATS_STREAM: iso.stream,
      HTTP_PORT: '0',
      CA_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      NOTIFY_SMS_URL: pathToFileURL(folder).href,
      NOTIFY_EMAIL_URL: pathToFileURL(folder).href,
      NOTIFY_POLL_MS: '200',
      ...files,
    });
    const started = await NestFactory.create(AppModule.register(config, logger), new FastifyAdapter(), { logger: false, abortOnError: false });
    try {
      await started.init();
      return started;
    } catch (error) {
      await started.close().catch(() => undefined); // its NATS and Postgres connections are open
      throw error;
    }
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'byo-ca-'));
    await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: servicePrismaLayout('services', 'accounts').migrationsDir });
    ca = await createTestCertificateAuthority('Rectorat CA');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await dropSchemas([schema]);
    await deleteStream(iso.stream);
    await rm(folder, { recursive: true, force: true });
  }, 30_000);

  it('refuses a partial set of files at configuration time', () => {
    expect(() => loadAccountsConfig({ CA_KEY_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'), CA_ROOT_CERT_FILE: '/x.pem' })).toThrow(/go together/);
  });

  it('issues with the brought CA and publishes its CRL next to the root CRL file', async () => {
    const files = await caFiles(ca, 'rectorat');
    app = await start(files);

    const trust = await app.get(CrlPublisher).trustMaterial();
    expect(trust.caChainPem.map((pem) => pem.trim())).toEqual([ca.stored.issuing.certificatePem, ca.stored.root.certificatePem].map((pem) => pem.trim()));
    expect(trust.crlPem[1]).toBe(await readFile(files.CA_ROOT_CRL_FILE!, 'utf8'));
    const issuingCrl = new x509.X509Crl(trust.crlPem[0]!);
    expect(await issuingCrl.verify({ publicKey: new x509.X509Certificate(ca.stored.issuing.certificatePem) })).toBe(true);

    const account = await app.get(AccountsService).create({ uai: '0750654D', schoolName: 'Collège', contactEmail: 'c@ecole.example', contactPhone: '+33612345678', licences: 4 });
    await app.get(InvoicesService).record({ accountId: account.id, number: '77', issuedOn: '2025-09-01', amountCents: 1, periodStart: '2025-09-01', periodEnd: '2026-08-31' });
    const sms = await waitFor(async () => (await readFile(join(folder, 'sms.jsonl'), 'utf8').catch(() => '')).split('\n').find(Boolean));
    const password = /: (\S+)$/.exec((JSON.parse(sms) as { text: string }).text)![1]!;
    const issued = await app.get(CertificatesService).issue({ hostingNumber: account.hostingNumber, password, lastInvoiceNumber: '77', deviceName: 'Poste' });

    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(issued.pkcs12Base64, 'base64').toString('binary')), issued.installationPassword);
    const certificates = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]!.map((bag) => bag.cert!);
    const leaf = certificates.find((certificate) => certificate.subject.getField('CN')?.value === '0750654D')!;
    expect(leaf.issuer.getField('CN').value).toBe('Rectorat CA Issuing CA');
    await app.close();
    app = undefined;
  });

  it('will not start with another CA on a database that issued with this one', async () => {
    const other = await createTestCertificateAuthority('Autre CA');
    await expect(start(await caFiles(other, 'autre'))).rejects.toMatchObject({ code: 'CA_KEY_CERTIFICATE_MISMATCH' });
    await expect(start({})).rejects.toMatchObject({ code: 'CA_SEALED_KEY_UNREADABLE' });
  });
});
