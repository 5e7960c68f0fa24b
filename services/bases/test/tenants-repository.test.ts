import { applyMigrations, createPrismaAdapter, servicePrismaLayout } from '@pronote/db';
import { TEST_DATABASE_URL, dropSchemas, isolation } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { TenantsRepository } from '../src/tenants/tenants.repository.js';

/** Recording tenants from account events: each event changes state once, a batch in one statement. */
describe('bases: tenants repository', () => {
  const schema = `${isolation().schemaPrefix}_bases`;
  const consumer = 'bases-tenants';
  let prisma: PrismaClient;
  let tenants: TenantsRepository;

  const event = (uai: string, schoolName = `École ${uai}`) => ({ messageId: randomUUID(), tenant: { uai, accountId: randomUUID(), schoolName } });

  beforeAll(async () => {
    await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: servicePrismaLayout('services', 'bases').migrationsDir });
    prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: TEST_DATABASE_URL, schema }) });
    tenants = new TenantsRepository(prisma);
  }, 60_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await dropSchemas([schema]);
  });

  it('records one event once, however often it is delivered', async () => {
    const created = event('0750654D');
    expect(await tenants.recordFromEvent(consumer, created.messageId, created.tenant)).toBe(true);
    expect(await tenants.recordFromEvent(consumer, created.messageId, { ...created.tenant, schoolName: 'changed' })).toBe(false);
    expect(await tenants.findByUai('0750654D')).toMatchObject(created.tenant);
  });

  it('applies a batch once: ids already handled or repeated are skipped, the last event of a school wins', async () => {
    const handledBefore = event('0750655E');
    await tenants.recordFromEvent(consumer, handledBefore.messageId, handledBefore.tenant);
    const first = event('0750653C', 'first name');
    const last = { ...event('0750653C', 'last name'), tenant: { ...first.tenant, schoolName: 'last name' } };
    const other = event('0750656F');
    const batch = [first, { ...handledBefore, tenant: { ...handledBefore.tenant, schoolName: 'replayed' } }, other, last, other];

    const applied = await tenants.recordFromEvents(consumer, batch);

    expect(applied).toEqual(new Set([first.messageId, other.messageId, last.messageId]));
    expect(await tenants.findByUai('0750653C')).toMatchObject({ schoolName: 'last name' });
    expect(await tenants.findByUai('0750655E')).toMatchObject({ schoolName: handledBefore.tenant.schoolName });
    expect(await tenants.findByUai('0750656F')).toMatchObject(other.tenant);
    expect(await tenants.recordFromEvents(consumer, batch)).toEqual(new Set());
  });

  it('lets two batches sharing events apply each event once', async () => {
    const events = ['0750657G', '0750658H', '0750659J', '0750660K'].map((uai) => event(uai));
    const [a, b] = await Promise.all([tenants.recordFromEvents(consumer, events), tenants.recordFromEvents(consumer, [...events].reverse())]);
    expect(a.size + b.size).toBe(events.length);
    expect([...a, ...b].sort()).toEqual(events.map((e) => e.messageId).sort());
  });
});
