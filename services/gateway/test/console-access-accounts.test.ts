import { type Bus, connectBus, RemoteCommandError, sendCommand } from '@pronote/bus';
import { DefineInitialSprPassword, GetSprPasswordStatus, GetTrustMaterial, VerifySprPassword } from '@pronote/contracts';
import { createLogger } from '@pronote/observability';
import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { waitFor } from '@pronote/testing';
import { connect } from 'nats';
import { hash } from '@node-rs/argon2';
import { type CallOptions, type ClientCertificate, consoleCall, messagesTo, passwordIn } from './support/console-client.js';

/**
 * Issue #3, the account side through the gateway: operator administration (search, suspend/reopen,
 * licences, invoices), "Mon compte" (password, SPR password checked by `accounts.spr.verify`),
 * certificate renewal, refusals that change nothing, and the events every change publishes.
 */
describe('hosting accounts: operator administration and the hosting manager account', () => {
  let platform: TestPlatform;
  let bus: Bus;
  let accountId: string;
  let hostingNumber: string;
  let password: string;
  let certificate: ClientCertificate;
  let certificateId: string;

  const call = (method: string, path: string, options: CallOptions = {}) => consoleCall(platform.gatewayUrl, platform.tlsCertPem, method, path, options);
  const operator = (method: string, path: string, body?: unknown) => call(method, path, { token: platform.operatorToken, body });
  const login = (withPassword = password) => call('POST', '/api/v1/console/login', { certificate, body: { hostingNumber, password: withPassword } });
  const school = { uai: '0750654D', schoolName: 'Collège Victor Hugo', contactEmail: 'Direction@Hugo.example', contactPhone: '07.33.33.33.33', licences: 4 };

  const operatorPassword = 'Mot de passe opérateur 2025';

  beforeAll(async () => {
    platform = await startTestPlatform({
      only: ['accounts', 'gateway'],
      extraEnv: {
        accounts: {
          NOTIFY_POLL_MS: '200',
          CERTIFICATE_RENEWAL_WARNING_DAYS: '400',
          // CRLs that would expire within seconds: the console stays open only if they are re-signed in time.
          CRL_LIFETIME_MS: '6000',
          CRL_CHECK_INTERVAL_MS: '500',
          OPERATOR_BOOTSTRAP_EMAIL: 'ops@pronote-hosting.example',
          OPERATOR_BOOTSTRAP_PASSWORD_HASH: await hash(operatorPassword, { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1 }),
        },
        gateway: { TRUST_POLL_MS: '300', COMMAND_TIMEOUT_MS: '8000' },
      },
    });
    bus = connectBus({ servers: ['nats://127.0.0.1:4222'], name: 'console-accounts-test', subjectPrefix: platform.isolation.subjectPrefix, logger: createLogger({ service: 'test', level: 'warn' }) });
    await bus.ready();

    const created = await operator('POST', '/api/v1/operator/accounts', school);
    expect(created.status).toBe(201);
    ({ id: accountId, hostingNumber } = created.body as { id: string; hostingNumber: string });
    const sms = await waitFor(async () => (await messagesTo(platform.notificationsDir, 'sms', '+33733333333'))[0]);
    password = passwordIn(sms);
    await operator('POST', `/api/v1/operator/accounts/${accountId}/invoices`, { number: '2025 0042', issuedOn: '2025-09-01', amountCents: 99_000, periodStart: '2025-09-01', periodEnd: '2026-08-31' });
    const downloaded = await call('POST', '/api/v1/console/certificates/download', { body: { hostingNumber, password, lastInvoiceNumber: '20250042', deviceName: 'Secrétariat' } });
    expect(downloaded.status).toBe(201);
    certificate = { pfx: Buffer.from(downloaded.body.pkcs12Base64, 'base64'), passphrase: downloaded.body.installationPassword };
    certificateId = downloaded.body.certificateId;
  }, 180_000);

  afterAll(async () => {
    await bus?.close();
    await platform?.teardown();
  }, 60_000);

  it('operators log in with their own account (bootstrapped from a hash), alongside the static token', async () => {
    const wrong = await call('POST', '/api/v1/operator/login', { body: { email: 'ops@pronote-hosting.example', password: 'not the password' } });
    expect(wrong.body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    const unknown = await call('POST', '/api/v1/operator/login', { body: { email: 'nobody@pronote-hosting.example', password: operatorPassword } });
    expect(unknown.body).toMatchObject({ code: 'CREDENTIALS_INVALID', detail: wrong.body.detail });

    const loggedIn = await call('POST', '/api/v1/operator/login', { body: { email: 'OPS@pronote-hosting.example', password: operatorPassword } });
    expect(loggedIn.body).toMatchObject({ accessToken: expect.stringMatching(/^pos_/), expiresIn: expect.any(Number) });
    const token = loggedIn.body.accessToken as string;
    expect((await call('GET', '/api/v1/operator/accounts', { token })).status).toBe(200);
    expect((await call('GET', '/api/v1/schools/0750654D/account', { token })).body).toMatchObject({ uai: '0750654D' });
    // A school console token is not an operator token.
    const schoolToken = (await login()).body.accessToken as string;
    expect((await call('GET', '/api/v1/operator/accounts', { certificate, token: schoolToken })).status).toBe(401);

    expect((await call('POST', '/api/v1/operator/logout', { token })).status).toBe(204);
    expect((await call('GET', '/api/v1/operator/accounts', { token })).body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses bad input with a clear code and records nothing', async () => {
    const badPhone = await operator('POST', '/api/v1/operator/accounts', { ...school, uai: '0750653C', contactPhone: '01 23 45 67 89' });
    expect(badPhone.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const badEmail = await operator('POST', '/api/v1/operator/accounts', { ...school, uai: '0750653C', contactEmail: 'not-an-address' });
    expect(badEmail.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const sameInvoice = await operator('POST', `/api/v1/operator/accounts/${accountId}/invoices`, { number: '20250042', issuedOn: '2025-10-01', amountCents: 1, periodStart: '2025-09-01', periodEnd: '2026-08-31' });
    expect(sameInvoice.body).toMatchObject({ status: 409, code: 'INVOICE_ALREADY_RECORDED' });
    const backwards = await operator('POST', `/api/v1/operator/accounts/${accountId}/invoices`, { number: '20250043', issuedOn: '2025-10-01', amountCents: 1, periodStart: '2026-09-01', periodEnd: '2026-08-31' });
    expect(backwards.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });

    const all = await operator('GET', '/api/v1/operator/accounts');
    expect(all.body.total).toBe(1);
    expect((await operator('GET', `/api/v1/operator/accounts/${accountId}/invoices`)).body.items).toHaveLength(1);
  });

  it('searches accounts by UAI, name, hosting number or e-mail, and by status', async () => {
    for (const query of ['0750654d', 'victor', hostingNumber.slice(0, 6), 'direction@hugo']) {
      const found = await operator('GET', `/api/v1/operator/accounts?query=${encodeURIComponent(query)}`);
      expect(found.body).toMatchObject({ total: 1, items: [{ id: accountId, contactEmail: 'direction@hugo.example', contactPhone: '+33733333333' }] });
    }
    expect((await operator('GET', '/api/v1/operator/accounts?query=jules')).body.total).toBe(0);
    expect((await operator('GET', '/api/v1/operator/accounts?status=suspended')).body.total).toBe(0);
  });

  it('sets licences, suspends (console and downloads refused) and reopens', async () => {
    expect((await operator('PUT', `/api/v1/operator/accounts/${accountId}/licences`, { licences: 8 })).body).toMatchObject({ licences: 8 });

    const liveToken = (await login()).body.accessToken as string;
    expect((await call('GET', '/api/v1/console/me', { certificate, token: liveToken })).status).toBe(200);
    expect((await operator('POST', `/api/v1/operator/accounts/${accountId}/suspend`, { reason: 'facture impayée' })).body).toMatchObject({ status: 'suspended' });
    // The live session ends with the suspension (event → gateway), not when its token expires.
    await waitFor(async () => (await call('GET', '/api/v1/console/me', { certificate, token: liveToken })).status === 401, { timeoutMs: 10_000, what: 'the session closed' });
    expect((await operator('POST', `/api/v1/operator/accounts/${accountId}/suspend`, { reason: 'encore' })).body).toMatchObject({ status: 409, code: 'ACCOUNT_ALREADY_SUSPENDED' });
    expect((await login()).body).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    const download = await call('POST', '/api/v1/console/certificates/download', { body: { hostingNumber, password, lastInvoiceNumber: '20250042', deviceName: 'Autre' } });
    expect(download.body).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    // A wrong password on a suspended account still says only that the credentials are wrong.
    expect((await login('wrong-password-x')).body).toMatchObject({ code: 'CREDENTIALS_INVALID' });

    expect((await operator('POST', `/api/v1/operator/accounts/${accountId}/reopen`)).body).toMatchObject({ status: 'active' });
    expect((await login()).status).toBe(200);
  });

  it('changes the hosting password only with the old one', async () => {
    const token = (await login()).body.accessToken as string;
    const session = { certificate, token };
    const wrongOld = await call('PUT', '/api/v1/console/password', { ...session, body: { oldPassword: 'not-it', newPassword: 'Un nouveau mot de passe 2025' } });
    expect(wrongOld.body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    const tooShort = await call('PUT', '/api/v1/console/password', { ...session, body: { oldPassword: password, newPassword: 'court' } });
    expect(tooShort.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await login()).status).toBe(200);

    const changed = await call('PUT', '/api/v1/console/password', { ...session, body: { oldPassword: password, newPassword: 'Un nouveau mot de passe 2025' } });
    expect(changed.status).toBe(200);
    expect((await login()).body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    password = 'Un nouveau mot de passe 2025';
    expect((await login()).status).toBe(200);
  });

  it('stores the SPR password hashed and lets bases check it with accounts.spr.verify', async () => {
    await expect(sendCommand(bus, VerifySprPassword, { uai: '0750654D', password: 'anything-at-all' }, { timeoutMs: 8000 })).resolves.toEqual({ valid: false, isSet: false });
    await expect(sendCommand(bus, GetSprPasswordStatus, { uai: '0750654D' }, { timeoutMs: 8000 })).resolves.toEqual({ isSet: false });
    // bases, at the first putting in service: defined once, then only changed from "Mon compte".
    await sendCommand(bus, DefineInitialSprPassword, { uai: '0750654D', password: 'Premier mot de passe SPR' }, { timeoutMs: 8000 });
    await expect(sendCommand(bus, DefineInitialSprPassword, { uai: '0750654D', password: 'Un autre essai du SPR' }, { timeoutMs: 8000 })).rejects.toMatchObject({ code: 'SPR_PASSWORD_ALREADY_SET' });
    await expect(sendCommand(bus, VerifySprPassword, { uai: '0750654D', password: 'Premier mot de passe SPR' }, { timeoutMs: 8000 })).resolves.toEqual({ valid: true, isSet: true });
    const token = (await login()).body.accessToken as string;
    const set = await call('PUT', '/api/v1/console/spr-password', { certificate, token, body: { password: 'Superviseur réseau 2025' } });
    expect(set.status).toBe(200);
    await expect(sendCommand(bus, VerifySprPassword, { uai: '0750654D', password: 'Superviseur réseau 2025' }, { timeoutMs: 8000 })).resolves.toEqual({ valid: true, isSet: true });
    await expect(sendCommand(bus, VerifySprPassword, { uai: '0750654D', password: 'Superviseur reseau 2025' }, { timeoutMs: 8000 })).resolves.toEqual({ valid: false, isSet: true });
    await expect(sendCommand(bus, VerifySprPassword, { uai: 'not-a-uai', password: 'x' }, { timeoutMs: 8000 })).rejects.toBeInstanceOf(RemoteCommandError);
  });

  it('warns ahead of expiry and renews: the new certificate works, the old one is revoked as superseded', async () => {
    const token = (await login()).body.accessToken as string;
    const before = await call('GET', '/api/v1/console/certificates', { certificate, token });
    expect(before.body.items[0]).toMatchObject({ id: certificateId, renewalDue: true });

    const renewed = await call('POST', '/api/v1/console/certificates/download', {
      body: { hostingNumber, password, lastInvoiceNumber: '20250042', deviceName: 'Secrétariat', replacesCertificateId: certificateId },
    });
    expect(renewed.status).toBe(201);
    const next = { pfx: Buffer.from(renewed.body.pkcs12Base64, 'base64'), passphrase: renewed.body.installationPassword };
    const refused = await waitFor(async () => {
      const attempt = await call('POST', '/api/v1/console/login', { certificate, body: { hostingNumber, password } });
      return attempt.status === 403 ? attempt : undefined;
    }, { timeoutMs: 10_000, intervalMs: 200, what: 'the superseded certificate refused' });
    expect(refused.body).toMatchObject({ code: 'CERTIFICATE_REVOKED' });
    expect((await call('POST', '/api/v1/console/login', { certificate: next, body: { hostingNumber, password } })).status).toBe(200);

    const devices = (await operator('GET', `/api/v1/operator/accounts/${accountId}/certificates`)).body.items as { id: string; status: string; revocationReason: string | null }[];
    expect(devices.find((device) => device.id === certificateId)).toMatchObject({ status: 'revoked', revocationReason: 'superseded' });
    certificate = next;
  });

  it('describes the console and administration routes in the OpenAPI document', async () => {
    const docs = await call('GET', '/api/docs');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/console/login', '/api/v1/console/certificates/download', '/api/v1/schools/{uai}/account', '/api/v1/operator/accounts/{accountId}/invoices']),
    );
    expect(Object.keys(docs.body.paths['/api/v1/operator/accounts']).sort()).toEqual(['get', 'post']);
  });

  it('re-signs the CRLs before they expire, and the running gateway keeps admitting certificates', async () => {
    const before = await sendCommand(bus, GetTrustMaterial, {}, { timeoutMs: 8000 });
    // Past the first CRLs' nextUpdate: with no refresh, every handshake would fail with CRL_HAS_EXPIRED.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(before.nextUpdate) - Date.now()) + 1000));
    const after = await sendCommand(bus, GetTrustMaterial, {}, { timeoutMs: 8000 });
    expect(after.version).not.toBe(before.version);
    expect(Date.parse(after.nextUpdate)).toBeGreaterThan(Date.now());
    expect(after.crlPem).toHaveLength(2);
    expect((await login()).status).toBe(200);
  });

  it('keeps a history line for every action, with no secret in it', async () => {
    const history = await operator('GET', `/api/v1/operator/accounts/${accountId}/history`);
    const actions = (history.body.items as { action: string }[]).map((line) => line.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'account.opened',
        'invoice.recorded',
        'certificate.issued',
        'certificate.revoked',
        'account.suspended',
        'account.reopened',
        'account.licences_set',
        'credentials.password_changed',
        'spr.password_set',
      ]),
    );
    expect(actions.at(-1)).toBe('account.opened');
    expect(JSON.stringify(history.body)).not.toContain(password);
  });

  it('publishes every change as an event on the stream', async () => {
    const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
    try {
      const jsm = await nc.jetstreamManager();
      const expected = [
        'hosting.account.created.v1',
        'hosting.account.status_changed.v1',
        'hosting.account.licences_changed.v1',
        'hosting.invoice.recorded.v1',
        'hosting.credentials.sent.v1',
        'hosting.certificate.issued.v1',
        'hosting.certificate.revoked.v1',
        'hosting.login.succeeded.v1',
        'hosting.login.failed.v1',
      ].map((subject) => `${platform.isolation.subjectPrefix}.${subject}`);
      const subjects = await waitFor(async () => {
        const info = await jsm.streams.info(platform.isolation.stream, { subjects_filter: '>' });
        const seen = Object.keys(info.state.subjects ?? {});
        return expected.every((subject) => seen.includes(subject)) ? seen : undefined;
      }, { timeoutMs: 10_000, what: 'every event subject' });
      expect(subjects).toEqual(expect.arrayContaining(expected));
    } finally {
      await nc.close();
    }
  });
});
