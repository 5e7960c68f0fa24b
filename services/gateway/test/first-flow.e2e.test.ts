import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { type HttpsResponse, httpsRequest, waitFor } from '@pronote/testing';
import { uaiCheckLetter } from '@pronote/contracts';
import pg from 'pg';

/**
 * Issue #2's first flow over real HTTPS: operator → gateway → accounts (row + outbox in one
 * transaction) → hosting.account.created on JetStream → bases records the school → read back.
 */
describe('first flow: hosting account → tenant, through the gateway', () => {
  let platform: TestPlatform;
  let db: pg.Client;

  beforeAll(async () => {
    platform = await startTestPlatform({
      only: ['accounts', 'bases', 'gateway'],
      // 8 s, not the platform's 30 s: the 504 test waits it out once (accounts frozen); 1.5 s timed out
      // account openings (a password hash each) on a loaded host.
      extraEnv: { gateway: { COMMAND_TIMEOUT_MS: '8000', BODY_LIMIT_BYTES: '4096' } },
    });
    db = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test' });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await platform?.teardown();
  }, 60_000);

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpsResponse> =>
    httpsRequest(`${platform.gatewayUrl}${path}`, {
      method,
      ca: platform.tlsCertPem,
      headers: {
        authorization: `Bearer ${platform.operatorToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const school = {
    uai: '0750654D',
    schoolName: 'Collège Victor Hugo',
    contactEmail: 'direction@victorhugo.example',
    contactPhone: '06 12 34 56 78',
    licences: 4,
  };

  const accountRows = async (): Promise<number> =>
    Number((await db.query(`SELECT count(*) FROM "${platform.schemaOf('accounts')}"."Account"`)).rows[0].count);

  it('creates the account, publishes the event and shows the school as a tenant', async () => {
    const created = await call('POST', '/api/v1/operator/accounts', school);
    expect(created.status).toBe(201);
    const account = created.json<{ id: string; uai: string; hostingNumber: string; contactPhone: string }>();
    expect(account).toMatchObject({ uai: '0750654D', contactPhone: '+33612345678', status: 'active' });
    expect(account.hostingNumber).toMatch(/^\d{12}$/);
    expect(created.headers['location']).toBe(`/api/v1/operator/accounts/${account.id}`);
    expect(created.headers['x-correlation-id']).toBeDefined();

    const read = await waitFor(
      async () => {
        const response = await call('GET', `/api/v1/operator/accounts/${account.id}`);
        const body = response.json<{ tenant: { status: string } }>();
        return body.tenant.status === 'ready' ? body : undefined;
      },
      { what: 'the bases service to record the school' },
    );
    expect(read).toMatchObject({ id: account.id, uai: '0750654D', tenant: { status: 'ready' } });

    const outbox = await db.query(`SELECT subject, "publishedAt" FROM "${platform.schemaOf('accounts')}"."OutboxEvent" WHERE subject = 'hosting.account.created.v1'`);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ subject: 'hosting.account.created.v1' });
    expect(outbox.rows[0].publishedAt).not.toBeNull();
  });

  it('answers concurrent reads of different accounts each with its own, gathering them into few commands', async () => {
    // Created one after the other (each opening hashes a password): only the reads are concurrent.
    const others: Array<{ id: string; uai: string }> = [];
    for (const digits of ['0690001', '0690002', '0690003']) {
      const created = await call('POST', '/api/v1/operator/accounts', { ...school, uai: digits + uaiCheckLetter(digits) });
      expect(created.status).toBe(201);
      others.push(created.json<{ id: string; uai: string }>());
    }
    const unknownId = '2f1b1a8e-8a4b-4a55-9c57-0b8f2f1e6f12';
    const commandsBefore = await getManyCommandsAnswered();
    const reads = Array.from({ length: 30 }, (_, index) => (index % 4 === 3 ? unknownId : others[index % 4]!.id));
    const answers = await Promise.all(reads.map((id) => call('GET', `/api/v1/operator/accounts/${id}`)));
    answers.forEach((answer, index) => {
      const id = reads[index]!;
      if (id === unknownId) {
        expect(answer.json()).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND' });
      } else {
        expect(answer.status).toBe(200);
        expect(answer.json()).toMatchObject({ id, uai: others.find((account) => account.id === id)!.uai });
      }
    });
    const commands = (await getManyCommandsAnswered()) - commandsBefore;
    expect(commands).toBeGreaterThan(0);
    expect(commands).toBeLessThan(reads.length);
  });

  /** `accounts.account.get_many` commands the accounts service has answered, from its metrics. */
  async function getManyCommandsAnswered(): Promise<number> {
    const metricsUrl = platform.processes.get('accounts')!.options.readinessUrl.replace('/health/ready', '/metrics');
    const text = await (await fetch(metricsUrl)).text();
    const line = text.split('\n').find((l) => l.startsWith('nats_command_duration_seconds_count') && l.includes('accounts.account.get_many'));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('carries the caller correlation id through to the reply', async () => {
    const response = await call('POST', '/api/v1/operator/accounts', { ...school, uai: '0750653' }, { 'x-correlation-id': 'support-ticket-42' });
    expect(response.headers['x-correlation-id']).toBe('support-ticket-42');
    expect(response.json()).toMatchObject({ correlationId: 'support-ticket-42', code: 'VALIDATION_FAILED' });
  });

  it('refuses a duplicate UAI with 409 and changes nothing', async () => {
    const before = await accountRows();
    const response = await call('POST', '/api/v1/operator/accounts', { ...school, schoolName: 'Autre collège' });
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'UAI_ALREADY_HOSTED', status: 409 });
    expect(await accountRows()).toBe(before);
  });

  it.each([
    ['a wrong UAI check letter', { ...school, uai: '0750654E' }, 'uai'],
    ['a missing field', { ...school, schoolName: undefined }, 'schoolName'],
    ['a wrong type', { ...school, licences: '4' }, 'licences'],
    ['an unknown field', { ...school, uai: '0750653C', admin: true }, ''],
    ['a malformed phone', { ...school, uai: '0750653C', contactPhone: '01 23' }, 'contactPhone'],
    ['a malformed e-mail', { ...school, uai: '0750653C', contactEmail: 'nobody' }, 'contactEmail'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_what, body, field) => {
    const before = await accountRows();
    const response = await call('POST', '/api/v1/operator/accounts', body);
    expect(response.status).toBe(400);
    const problem = response.json<{ code: string; errors: { path: string }[] }>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.path)).toContain(field);
    expect(await accountRows()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"uai":', 400, 'MALFORMED_JSON'],
    ['a body over the limit', JSON.stringify({ ...school, schoolName: 'x'.repeat(10_000) }), 413, 'PAYLOAD_TOO_LARGE'],
    ['JSON nested 1,500 levels deep', '['.repeat(1500) + ']'.repeat(1500), 400, 'VALIDATION_FAILED'],
  ])('answers %s with a problem, never a 500', async (_what, raw, status, code) => {
    const response = await call('POST', '/api/v1/operator/accounts', raw);
    expect(response.status).toBe(status);
    expect(response.json()).toMatchObject({ code, status });
    expect(response.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers an unknown route, a missing token and a bad id with their codes', async () => {
    expect((await call('GET', '/api/v1/nothing-here')).json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
    expect((await call('GET', '/api/v1/operator/accounts/abc', undefined, { authorization: 'Bearer wrong' })).json()).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect((await call('GET', '/api/v1/operator/accounts/not-a-uuid')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await call('GET', '/api/v1/operator/accounts/2f1b1a8e-8a4b-4a55-9c57-0b8f2f1e6f11')).json()).toMatchObject({
      status: 404,
      code: 'ACCOUNT_NOT_FOUND',
    });
  });

  it('serves the OpenAPI description', async () => {
    const response = await call('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.json<{ paths: Record<string, unknown> }>().paths).toHaveProperty('/api/v1/operator/accounts');
  });

  it('answers 504 UPSTREAM_TIMEOUT when a service does not answer in time, then recovers', async () => {
    const accounts = platform.processes.get('accounts')!;
    process.kill(accounts.pid!, 'SIGSTOP');
    try {
      const response = await call('POST', '/api/v1/operator/accounts', { ...school, uai: '0750653C' });
      expect(response.status).toBe(504);
      expect(response.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    } finally {
      process.kill(accounts.pid!, 'SIGCONT');
    }
    // The command that timed out may still complete once the service resumes: a retry is safe
    // (duplicate UAI is refused), and exactly one account exists for the school.
    await waitFor(async () => (await db.query(`SELECT 1 FROM "${platform.schemaOf('accounts')}"."Account" WHERE uai = '0750653C'`)).rowCount === 1 || undefined, {
      what: 'the delayed command to complete',
      timeoutMs: 10_000,
    }).catch(() => undefined);
    const retry = await call('POST', '/api/v1/operator/accounts', { ...school, uai: '0750653C' });
    expect([201, 409]).toContain(retry.status);
    expect((await db.query(`SELECT count(*) FROM "${platform.schemaOf('accounts')}"."Account" WHERE uai = '0750653C'`)).rows[0].count).toBe('1');
  }, 60_000);

  it('answers 503 UPSTREAM_UNAVAILABLE when no instance of a service is running', async () => {
    await platform.processes.get('accounts')!.stop();
    const response = await call('POST', '/api/v1/operator/accounts', { ...school, uai: '0750655E' });
    expect(response.status).toBe(503);
    expect(response.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});
