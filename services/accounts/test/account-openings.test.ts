import { outboxRecord } from '@pronote/bus';
import { AccountCreated, uaiCheckLetter } from '@pronote/contracts';
import { applyMigrations, createPrismaAdapter, servicePrismaLayout } from '@pronote/db';
import { TEST_DATABASE_URL, dropSchemas, isolation } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type AccountOpening, AccountsRepository } from '../src/accounts/accounts.repository.js';
import { UaiAlreadyHostedError } from '../src/accounts/accounts.errors.js';
import { createKeyEncryptionKeyring } from '../src/certificates/authority/key-sealing.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { historyLine } from '../src/history/history-line.js';
import { credentialDeliveries } from '../src/notifications/credential-messages.js';

/**
 * Account openings requested at the same time are written by one statement (group commit): each
 * caller still gets its own account or its own error, and an opening is written whole or not at all.
 */
describe('accounts repository: grouped openings', () => {
  const schema = `${isolation().schemaPrefix}_accounts`;
  const keyring = createKeyEncryptionKeyring('k1', { k1: Buffer.alloc(32, 7) });
  const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  let prisma: PrismaClient;
  let accounts: AccountsRepository;
  let nextSchool = 1_000_000 + Math.floor(Math.random() * 1_000_000);

  const freshUai = (): string => {
    const digits = String(nextSchool++).padStart(7, '0');
    return `${digits}${uaiCheckLetter(digits)}`;
  };

  const opening = (uai: string, overrides: Partial<AccountOpening['account']> = {}): AccountOpening => {
    const id = randomUUID();
    const hostingNumber = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
    const account = { id, uai, schoolName: `Collège ${uai}`, hostingNumber, contactEmail: `direction@${uai}.example`, contactPhone: '+33612345678', licences: 4, ...overrides };
    return {
      account,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      deliveries: credentialDeliveries(
        { accountId: id, uai, hostingNumber, password: 'secret', phone: account.contactPhone, email: account.contactEmail, purpose: 'account_opened' },
        keyring,
      ),
      history: historyLine(id, 'account.opened', { uai, licences: account.licences }),
      event: outboxRecord(
        AccountCreated,
        { accountId: id, uai, schoolName: account.schoolName, licences: account.licences, createdAt: new Date().toISOString() },
        { correlationId: randomUUID() },
      ),
    };
  };

  /** Rows each table holds for these accounts (0 everywhere for an opening that failed). */
  const rowsOf = async (accountIds: string[]) => {
    const count = async (sql: string) => Number((await db.query(sql, [accountIds])).rows[0].count);
    return {
      accounts: await count(`SELECT count(*) FROM "${schema}"."Account" WHERE id = ANY($1::uuid[])`),
      credentials: await count(`SELECT count(*) FROM "${schema}"."AccountCredentials" WHERE "accountId" = ANY($1::uuid[])`),
      deliveries: await count(`SELECT count(*) FROM "${schema}"."CredentialDelivery" WHERE "accountId" = ANY($1::uuid[])`),
      history: await count(`SELECT count(*) FROM "${schema}"."AccountHistory" WHERE "accountId" = ANY($1::uuid[])`),
      events: await count(`SELECT count(*) FROM "${schema}"."OutboxEvent" WHERE (envelope->'payload'->>'accountId')::uuid = ANY($1::uuid[])`),
    };
  };

  beforeAll(async () => {
    await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: servicePrismaLayout('services', 'accounts').migrationsDir });
    await db.connect();
    prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: TEST_DATABASE_URL, schema }) });
    accounts = new AccountsRepository(prisma);
  }, 60_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await db.end();
    await dropSchemas([schema]);
  });

  it('opens concurrent accounts in shared commits, each caller getting its own account', async () => {
    const openings = Array.from({ length: 40 }, () => opening(freshUai()));
    const opened = await Promise.all(openings.map((o) => accounts.create(o)));

    expect(opened.map((account) => account.id)).toEqual(openings.map((o) => o.account.id));
    expect(opened[0]).toEqual({ ...openings[0]!.account, status: 'active', createdAt: expect.any(Date) });
    expect(await rowsOf(opened.map((account) => account.id))).toEqual({ accounts: 40, credentials: 40, deliveries: 80, history: 40, events: 40 });
    // createdAt is the time its transaction started: 40 openings one by one would show ~40 of them.
    const transactions = await db.query(`SELECT count(DISTINCT "createdAt") FROM "${schema}"."Account" WHERE id = ANY($1::uuid[])`, [opened.map((a) => a.id)]);
    expect(Number(transactions.rows[0].count)).toBeLessThanOrEqual(2);
  });

  it('fails only the caller whose school is already hosted, also when two of the group share a school', async () => {
    const hosted = freshUai();
    await accounts.create(opening(hosted));
    const twice = freshUai();
    const openings = [opening(freshUai()), opening(hosted), opening(twice), opening(twice), opening(freshUai())];

    const outcomes = await Promise.allSettled(openings.map((o) => accounts.create(o)));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    for (const index of [1, 3]) {
      const { reason } = outcomes[index] as PromiseRejectedResult;
      expect(reason).toBeInstanceOf(UaiAlreadyHostedError);
      expect(reason).toMatchObject({ code: 'UAI_ALREADY_HOSTED' });
    }
    expect(await rowsOf([openings[1]!.account.id, openings[3]!.account.id])).toEqual({ accounts: 0, credentials: 0, deliveries: 0, history: 0, events: 0 });
    expect(await rowsOf([0, 2, 4].map((index) => openings[index]!.account.id))).toEqual({ accounts: 3, credentials: 3, deliveries: 6, history: 3, events: 3 });
  });

  it('keeps the others when one opening of the group cannot be stored at all (a hosting number too long)', async () => {
    const openings = [opening(freshUai()), opening(freshUai(), { hostingNumber: '1234567890123' }), opening(freshUai())];

    const outcomes = await Promise.allSettled(openings.map((o) => accounts.create(o)));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(UaiAlreadyHostedError);
    expect(await rowsOf(openings.map((o) => o.account.id))).toEqual({ accounts: 2, credentials: 2, deliveries: 4, history: 2, events: 2 });
  });
});
