import { createPrismaAdapter } from '@pronote/db';
import { RuntimeConnectionOpened, makeEnvelope } from '@pronote/contracts';
import { TEST_DATABASE_URL } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import { type ConnectionEvent, ConnectionsRepository } from '../src/connections/connections.repository.js';
import { SchoolNotFoundError } from '../src/schools/schools.errors.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { LicencesRepository } from '../src/licences/licences.repository.js';
import { type SessionsHarness, startSessionsHarness, waitUntil } from './support/sessions-harness.js';

const SCHOOL = '0750654D';
const BUSY_SCHOOL = '0690001B';

/**
 * Runtime connection events handled in batches (what the sessions consumer does under load): the
 * outcome of one by one in stream order, in one transaction, and batches formed by the running service.
 */
describe('sessions: connection events in batches', () => {
  let h: SessionsHarness;
  let prisma: PrismaClient;
  let repository: ConnectionsRepository;

  beforeAll(async () => {
    h = await startSessionsHarness();
    await h.addSchool(SCHOOL, 4);
    await h.addSchool(BUSY_SCHOOL, 4);
    prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: TEST_DATABASE_URL, schema: h.platform.schemaOf('sessions'), poolMax: 2 }) });
    repository = new ConnectionsRepository(prisma, new LicencesRepository(prisma));
  }, 60_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await h?.stop();
  }, 30_000);

  const connection = (editing: boolean, mode: 'administratif' | 'enseignant', uai = SCHOOL) => ({
    connectionId: randomUUID(), uai, baseId: randomUUID(), application: 'client' as const, mode, espace: null, editing,
    userName: mode === 'administratif' ? 'Superviseur (SPR)' : 'AALOUCH Delphine', address: '10.0.0.7', openedAt: new Date(),
  });
  const opened = (c: ReturnType<typeof connection>, messageId = randomUUID()): ConnectionEvent => ({ kind: 'opened', messageId, connection: c });
  const closed = (c: ReturnType<typeof connection>): ConnectionEvent => ({ kind: 'closed', messageId: randomUUID(), uai: c.uai, connectionId: c.connectionId });
  const state = async () => ({
    connections: (await h.query<{ connectionId: string }>('SELECT "connectionId" FROM "Connection" WHERE uai = $1 ORDER BY "connectionId"', [SCHOOL])).map((r) => r.connectionId),
    seats: (await h.query<{ holderId: string }>('SELECT "holderId" FROM "LicenceSeat" WHERE uai = $1 ORDER BY "holderId"', [SCHOOL])).map((r) => r.holderId),
    school: (await h.query('SELECT "seatsInUse", "adminSeatsInUse" FROM "School" WHERE uai = $1', [SCHOOL]))[0],
  });

  it('applies a batch as one by one in stream order would, each event once', async () => {
    const administrator = connection(true, 'administratif');
    const before = opened(administrator);
    await repository.recordEvents('batch-test', [before]);
    const editor = connection(true, 'enseignant');
    const reader = connection(false, 'enseignant');
    const brief = connection(true, 'administratif');
    const editorOpened = opened(editor);

    const applied = await repository.recordEvents('batch-test', [
      editorOpened,
      opened(reader),
      closed(administrator),
      before, // delivered again: handled before, not applied again
      opened(brief),
      closed(brief), // opened and closed within the batch: gone, its seat freed
      editorOpened, // the same delivery twice in one batch
    ]);

    expect(applied.has(before.messageId)).toBe(false);
    expect(applied.size).toBe(5);
    expect(await state()).toEqual({
      connections: [editor.connectionId, reader.connectionId].sort(),
      seats: [editor.connectionId],
      school: { seatsInUse: 1, adminSeatsInUse: 0 },
    });
  });

  it('refuses a batch naming an unknown school and changes nothing (the consumer then goes one by one)', async () => {
    const known = connection(false, 'enseignant');
    const before = await state();
    const batch = [opened(known), opened(connection(false, 'enseignant', '0590001F'))];
    await expect(repository.recordEvents('batch-test', batch)).rejects.toBeInstanceOf(SchoolNotFoundError);
    expect(await state()).toEqual(before);
    // Nothing was claimed either: handled later, it applies.
    expect((await repository.recordEvents('batch-test', [batch[0]!])).size).toBe(1);
  });

  it('the running service records a burst of connections in batches', async () => {
    const burst = Array.from({ length: 200 }, () => connection(false, 'enseignant', BUSY_SCHOOL));
    await Promise.all(burst.map((c) => h.publish(makeEnvelope(RuntimeConnectionOpened, { ...c, openedAt: c.openedAt.toISOString() }, { correlationId: randomUUID() }))));
    await waitUntil(async () => (await h.query('SELECT 1 FROM "Connection" WHERE uai = $1', [BUSY_SCHOOL])).length === 200, 'the 200 connections', 60_000);

    const port = h.platform.processes.get('sessions')!.options.env['HTTP_PORT'];
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const series = (name: string) => Number(/ (\S+)$/.exec(metrics.split('\n').find((line) => line.startsWith(`${name}{`) && line.includes('consumer="sessions-connections"')) ?? ' NaN')![1]);
    expect(series('nats_event_batch_size_sum')).toBeGreaterThanOrEqual(200);
    expect(series('nats_event_batch_size_count')).toBeLessThan(series('nats_event_batch_size_sum'));
  }, 90_000);
});
