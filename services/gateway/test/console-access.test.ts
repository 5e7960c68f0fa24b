import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { TEST_DATABASE_URL, waitFor } from '@pronote/testing';
import { dirname } from 'node:path';
import { type CallOptions, type ClientCertificate, consoleCall, messagesTo, passwordIn } from './support/console-client.js';
import { expiredSchoolCertificate, foreignSchoolCertificate } from './support/certificates.js';

interface School {
  uai: string;
  schoolName: string;
  contactEmail: string;
  contactPhone: string;
  licences: number;
}

interface Opened {
  school: School;
  accountId: string;
  hostingNumber: string;
  password: string;
  certificate: ClientCertificate;
  certificateId: string;
}

/**
 * Issue #3 end to end: accounts + gateway as processes, real TLS handshakes with certificates the
 * platform issued (PKCS#12 + installation password), CRLs loaded into the running gateway.
 */
describe('school console access over mutual TLS', () => {
  let platform: TestPlatform;
  let schoolA: Opened;
  let schoolB: Opened;

  const call = (method: string, path: string, options: CallOptions = {}) => consoleCall(platform.gatewayUrl, platform.tlsCertPem, method, path, options);
  const operator = (method: string, path: string, body?: unknown) =>
    consoleCall(platform.gatewayUrl, platform.tlsCertPem, method, path, { token: platform.operatorToken, body });

  async function smsPassword(phone: string, count: number): Promise<string> {
    const sms = await waitFor(async () => {
      const sent = await messagesTo(platform.notificationsDir, 'sms', phone);
      return sent.length >= count ? sent : undefined;
    }, { what: `SMS #${count} to ${phone}` });
    return passwordIn(sms[count - 1]!);
  }

  async function download(opened: Pick<Opened, 'hostingNumber' | 'password'>, lastInvoiceNumber: string, deviceName: string, localAddress?: string) {
    return call('POST', '/api/v1/console/certificates/download', {
      body: { hostingNumber: opened.hostingNumber, password: opened.password, lastInvoiceNumber, deviceName },
      localAddress,
    });
  }

  async function open(school: School, invoices: string[]): Promise<Opened> {
    const created = await operator('POST', '/api/v1/operator/accounts', school);
    expect(created.status).toBe(201);
    const { id: accountId, hostingNumber, contactPhone } = created.body as { id: string; hostingNumber: string; contactPhone: string };
    for (const [index, number] of invoices.entries()) {
      const recorded = await operator('POST', `/api/v1/operator/accounts/${accountId}/invoices`, {
        number,
        issuedOn: `2025-0${index + 1}-15`,
        amountCents: 120_000,
        periodStart: '2025-09-01',
        periodEnd: '2026-08-31',
      });
      expect(recorded.status).toBe(201);
    }
    const password = await smsPassword(contactPhone, 1);
    const downloaded = await download({ hostingNumber, password }, invoices.at(-1)!, 'Bureau direction');
    expect(downloaded.status).toBe(201);
    return {
      school: { ...school, contactPhone },
      accountId,
      hostingNumber,
      password,
      certificate: { pfx: Buffer.from(downloaded.body.pkcs12Base64, 'base64'), passphrase: downloaded.body.installationPassword },
      certificateId: downloaded.body.certificateId,
    };
  }

  async function login(opened: Opened, certificate: ClientCertificate | undefined = opened.certificate, password = opened.password, localAddress?: string) {
    return call('POST', '/api/v1/console/login', { certificate, body: { hostingNumber: opened.hostingNumber, password }, localAddress });
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      only: ['accounts', 'gateway'],
      extraEnv: {
        accounts: { NOTIFY_POLL_MS: '200', CREDENTIALS_RESEND_INTERVAL_MS: '4000' },
        gateway: {
          TRUST_POLL_MS: '300',
          LOGIN_IP_THRESHOLD: '3',
          LOGIN_IP_SUSPENSION_MS: '2000',
          LOGIN_ACCOUNT_THRESHOLD: '50',
          RESEND_IP_LIMIT: '3',
          COMMAND_TIMEOUT_MS: '8000',
        },
      },
    });
    [schoolA, schoolB] = await Promise.all([
      open({ uai: '0750654D', schoolName: 'Collège Victor Hugo', contactEmail: 'direction@hugo.example', contactPhone: '06 11 11 11 11', licences: 4 }, ['20250001', '20250002']),
      open({ uai: '0750653C', schoolName: 'Lycée Jules Ferry', contactEmail: 'direction@ferry.example', contactPhone: '06 22 22 22 22', licences: 4 }, ['20250003']),
    ]);
  }, 180_000);

  afterAll(async () => {
    await platform?.teardown();
  }, 60_000);

  describe('certificate download (Fiche 2)', () => {
    it('asks for the number of the LAST invoice and the right password, and answers each with its own code', async () => {
      const notLast = await download(schoolA, '20250001', 'Portable', '127.0.0.11');
      expect(notLast.body).toMatchObject({ status: 422, code: 'INVOICE_NOT_LAST' });
      const wrongPassword = await download({ ...schoolA, password: 'not-the-password' }, '20250002', 'Portable', '127.0.0.11');
      expect(wrongPassword.body).toMatchObject({ status: 401, code: 'CREDENTIALS_INVALID' });
      const unknown = await download({ hostingNumber: '123456789012', password: schoolA.password }, '20250002', 'Portable', '127.0.0.11');
      expect(unknown.body).toMatchObject({ status: 401, code: 'CREDENTIALS_INVALID', detail: wrongPassword.body.detail });
    });

    it('lists devices without any secret, and the operator sees them with the credential deliveries', async () => {
      const devices = await operator('GET', `/api/v1/operator/accounts/${schoolA.accountId}/certificates`);
      expect(devices.status).toBe(200);
      expect(devices.body.items[0]).toMatchObject({ id: schoolA.certificateId, deviceName: 'Bureau direction', status: 'active', renewalDue: false });
      expect(JSON.stringify(devices.body)).not.toMatch(/pkcs12|installationPassword/i);
      const deliveries = await operator('GET', `/api/v1/operator/accounts/${schoolA.accountId}/deliveries`);
      expect(deliveries.body.items.map((item: { channel: string; sentAt: string | null }) => [item.channel, item.sentAt !== null]).sort()).toEqual([
        ['email', true],
        ['sms', true],
      ]);
      const email = await messagesTo(platform.notificationsDir, 'email', 'direction@hugo.example');
      expect(email[0]!.text).toContain(schoolA.hostingNumber);
      expect(email[0]!.text).not.toContain(schoolA.password);
    });
  });

  describe('login', () => {
    it('valid certificate + right credentials → a session that opens the console of its school', async () => {
      const loggedIn = await login(schoolA);
      expect(loggedIn.status).toBe(200);
      expect(loggedIn.body).toMatchObject({ accessToken: expect.stringMatching(/^pcs_/), refreshToken: expect.any(String), expiresIn: expect.any(Number) });
      const token = loggedIn.body.accessToken as string;

      const me = await call('GET', '/api/v1/console/me', { certificate: schoolA.certificate, token });
      expect(me.body).toMatchObject({ uai: '0750654D', hostingNumber: schoolA.hostingNumber });
      const account = await call('GET', '/api/v1/schools/0750654D/account', { certificate: schoolA.certificate, token });
      expect(account.status).toBe(200);

      const devices = await call('GET', '/api/v1/console/certificates', { certificate: schoolA.certificate, token });
      expect(devices.body.items.find((item: { id: string }) => item.id === schoolA.certificateId)).toMatchObject({
        lastUsedAt: expect.any(String),
        lastUsedIp: '127.0.0.1',
      });
    });

    it('refuses without a certificate, for login and for a session token alike', async () => {
      const noCertificate = await call('POST', '/api/v1/console/login', { body: { hostingNumber: schoolA.hostingNumber, password: schoolA.password } });
      expect(noCertificate.body).toMatchObject({ status: 403, code: 'CERTIFICATE_REQUIRED' });
      const token = (await login(schoolA)).body.accessToken as string;
      const me = await call('GET', '/api/v1/console/me', { token });
      expect(me.body).toMatchObject({ status: 403, code: 'CERTIFICATE_REQUIRED' });
    });

    it('refuses a certificate of another CA, even naming the right school', async () => {
      const foreign = foreignSchoolCertificate({ uai: '0750654D', hostingNumber: schoolA.hostingNumber });
      const refused = await login(schoolA, foreign);
      expect(refused.body).toMatchObject({ status: 403, code: 'CERTIFICATE_UNTRUSTED' });
    });

    it('refuses an expired certificate of our own CA', async () => {
      const expired = await expiredSchoolCertificate(
        { uai: '0750654D', hostingNumber: schoolA.hostingNumber },
        TEST_DATABASE_URL,
        platform.schemaOf('accounts'),
        dirname(platform.notificationsDir),
      );
      const refused = await login(schoolA, expired);
      expect(refused.body).toMatchObject({ status: 403, code: 'CERTIFICATE_EXPIRED' });
    });

    it("refuses another school's certificate, at login and with a live session", async () => {
      const wrongSchool = await login(schoolA, schoolB.certificate);
      expect(wrongSchool.body).toMatchObject({ status: 403, code: 'CERTIFICATE_WRONG_SCHOOL' });
      const token = (await login(schoolA)).body.accessToken as string;
      const me = await call('GET', '/api/v1/console/me', { certificate: schoolB.certificate, token });
      expect(me.body).toMatchObject({ status: 403, code: 'CERTIFICATE_WRONG_SCHOOL' });
    });

    it("cross-tenant: school A's session cannot reach school B's routes; the operator can", async () => {
      const token = (await login(schoolA)).body.accessToken as string;
      const other = await call('GET', '/api/v1/schools/0750653C/account', { certificate: schoolA.certificate, token });
      expect(other.body).toMatchObject({ status: 403, code: 'SESSION_WRONG_SCHOOL_FORBIDDEN' });
      expect(JSON.stringify(other.body)).not.toContain(schoolB.hostingNumber);
      const asOperator = await operator('GET', '/api/v1/schools/0750653C/account');
      expect(asOperator.body).toMatchObject({ uai: '0750653C' });
    });

    it('refresh rotates the tokens (a refresh token works once) and logout ends the session', async () => {
      const first = (await login(schoolA)).body as { accessToken: string; refreshToken: string };
      const refreshed = await call('POST', '/api/v1/console/session/refresh', { certificate: schoolA.certificate, body: { refreshToken: first.refreshToken } });
      expect(refreshed.status).toBe(200);
      const replay = await call('POST', '/api/v1/console/session/refresh', { certificate: schoolA.certificate, body: { refreshToken: first.refreshToken } });
      expect(replay.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      const old = await call('GET', '/api/v1/console/me', { certificate: schoolA.certificate, token: first.accessToken });
      expect(old.status).toBe(401);

      const token = refreshed.body.accessToken as string;
      expect((await call('POST', '/api/v1/console/logout', { certificate: schoolA.certificate, token })).status).toBe(204);
      const after = await call('GET', '/api/v1/console/me', { certificate: schoolA.certificate, token });
      expect(after.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    });
  });

  it('revocation takes effect on the running gateway within seconds, for that certificate only', async () => {
    const laptop = await download(schoolA, '20250002', 'Portable perdu');
    expect(laptop.status).toBe(201);
    const laptopCertificate = { pfx: Buffer.from(laptop.body.pkcs12Base64, 'base64'), passphrase: laptop.body.installationPassword };
    expect((await login(schoolA, laptopCertificate)).status).toBe(200);

    const token = (await login(schoolA)).body.accessToken as string;
    const revoked = await call('POST', `/api/v1/console/certificates/${laptop.body.certificateId}/revoke`, {
      certificate: schoolA.certificate,
      token,
      body: { reason: 'keyCompromise' },
    });
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'keyCompromise' });

    const startedAt = Date.now();
    const refusal = await waitFor(async () => {
      const attempt = await login(schoolA, laptopCertificate);
      return attempt.status === 403 ? attempt : undefined;
    }, { timeoutMs: 10_000, intervalMs: 200, what: 'the revoked certificate refused' });
    expect(refusal.body).toMatchObject({ code: 'CERTIFICATE_REVOKED' });
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect((await login(schoolA)).status).toBe(200);

    const again = await call('POST', `/api/v1/console/certificates/${laptop.body.certificateId}/revoke`, { certificate: schoolA.certificate, token, body: {} });
    expect(again.body).toMatchObject({ status: 409, code: 'CERTIFICATE_ALREADY_REVOKED' });
  });

  it('"Recevoir mes identifiants": a new password by SMS logs in, the old one no longer does, and a second ask is refused', async () => {
    // The interval also counts from the opening of the account (credentials were just sent then).
    const resend = () => call('POST', '/api/v1/console/credentials/resend', { body: { uai: '0750653C' } });
    const resent = await waitFor(async () => {
      const attempt = await resend();
      return attempt.status === 202 ? attempt : undefined;
    }, { timeoutMs: 8_000, intervalMs: 500, what: 'the resend interval to pass' });
    expect(resent.body.sentTo).toEqual({ sms: '+336••••22', email: 'd•••@ferry.example' });
    const newPassword = await smsPassword(schoolB.school.contactPhone, 2);
    expect(newPassword).not.toBe(schoolB.password);

    const withOld = await login(schoolB, schoolB.certificate, schoolB.password, '127.0.0.12');
    expect(withOld.body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect((await login(schoolB, schoolB.certificate, newPassword)).status).toBe(200);

    const tooSoon = await resend();
    expect(tooSoon.body).toMatchObject({ status: 429, code: 'CREDENTIALS_RESEND_TOO_OFTEN' });
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);

    // One address cannot reset school after school: past RESEND_IP_LIMIT it is refused before accounts is asked.
    const fromOneAddress = () => call('POST', '/api/v1/console/credentials/resend', { body: { uai: '0750655E' }, localAddress: '127.0.0.30' });
    const answers = [];
    for (let index = 0; index < 4; index += 1) answers.push(await fromOneAddress());
    expect(answers[0]!.body).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND' });
    expect(answers.at(-1)!.body).toMatchObject({ status: 429, code: 'CREDENTIALS_RESEND_TOO_OFTEN', detail: expect.stringContaining('your address') });
    schoolB.password = newPassword;
  });

  it('failed logins suspend the client IP for a growing time, which ends on its own', async () => {
    const from = '127.0.0.20';
    const wrong = () => login(schoolA, schoolA.certificate, 'wrong-password', from);
    expect((await wrong()).body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect((await wrong()).body).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    const third = await wrong();
    expect(third.body).toMatchObject({ status: 429, code: 'LOGIN_IP_SUSPENDED' });
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // Suspended: even the right password is refused from there; other addresses are not affected.
    expect((await login(schoolA, schoolA.certificate, schoolA.password, from)).body).toMatchObject({ code: 'LOGIN_IP_SUSPENDED' });
    expect((await login(schoolA)).status).toBe(200);

    const ended = await waitFor(async () => {
      const attempt = await login(schoolA, schoolA.certificate, schoolA.password, from);
      return attempt.status === 200 ? attempt : undefined;
    }, { timeoutMs: 6_000, intervalMs: 250, what: 'the suspension to end' });
    expect(ended.body.accessToken).toMatch(/^pcs_/);

    // A second suspension lasts twice as long.
    await wrong();
    await wrong();
    const again = await wrong();
    expect(again.body).toMatchObject({ code: 'LOGIN_IP_SUSPENDED' });
    expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(3);
  });
});
