import { DomainError, defineCommand } from '@pronote/contracts';
import { z } from 'zod';
import { BatchedRead, connectBus, RemoteCommandError, serveCommand, type Bus, type CommandServer } from '../src/index.js';
import { capturingLogger, NATS_URL, uniqueToken } from './support/fixtures.js';

const GetSchools = defineCommand(
  'test.schools.get_many',
  1,
  z.strictObject({ uais: z.array(z.string()).min(1).max(100) }),
  z.object({ items: z.array(z.object({ uai: z.string(), name: z.string() })) }),
);
const SCHOOLS: Record<string, string> = { '0750654D': 'Lycée A', '0310001A': 'Collège B', '0130001B': 'Lycée C' };

let server: Bus;
let client: Bus;
let served: CommandServer;
/** The `uais` of every command the server answered, in order. */
let received: string[][];
let failWith: DomainError | undefined;

beforeAll(async () => {
  const subjectPrefix = uniqueToken('batched');
  server = connectBus({ servers: NATS_URL, name: 'batched-read-server', subjectPrefix });
  client = connectBus({ servers: NATS_URL, name: 'batched-read-client', subjectPrefix });
  await Promise.all([server.ready(), client.ready()]);
  served = await serveCommand(
    server,
    GetSchools,
    async ({ uais }) => {
      received.push(uais);
      if (failWith) throw failWith;
      return { items: uais.filter((uai) => SCHOOLS[uai]).map((uai) => ({ uai, name: SCHOOLS[uai]! })) };
    },
    { queue: 'schools', logger: capturingLogger().logger },
  );
});

beforeEach(() => {
  received = [];
  failWith = undefined;
});

afterAll(async () => {
  await served.stop();
  await client.close();
  await server.close();
});

function schools(options: { windowMs?: number; maxBatch?: number } = {}) {
  return new BatchedRead(client, GetSchools, {
    request: (uais) => ({ uais }),
    items: ({ items }) => items,
    keyOf: (school) => school.uai,
    timeoutMs: 10_000,
    ...options,
  });
}

describe('batched reads', () => {
  it('sends the reads of one event-loop turn as one command, each caller getting its own item', async () => {
    const reads = schools();
    const answers = await Promise.all(['0750654D', '0310001A', '9999999Z'].map((uai) => reads.load(uai)));
    expect(answers).toEqual([{ uai: '0750654D', name: 'Lycée A' }, { uai: '0310001A', name: 'Collège B' }, undefined]);
    expect(received).toEqual([['0750654D', '0310001A', '9999999Z']]);
  });

  it('asks for a key read by many callers once', async () => {
    const reads = schools();
    const answers = await Promise.all(Array.from({ length: 20 }, () => reads.load('0130001B')));
    expect(answers.every((school) => school?.name === 'Lycée C')).toBe(true);
    expect(received).toEqual([['0130001B']]);
  });

  it('gathers the reads of a window across turns, and caches nothing', async () => {
    const reads = schools({ windowMs: 300 }); // far beyond the 5 ms between the reads, even on a loaded host
    const first = reads.load('0750654D');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = reads.load('0310001A');
    expect(await Promise.all([first, second])).toEqual([{ uai: '0750654D', name: 'Lycée A' }, { uai: '0310001A', name: 'Collège B' }]);
    expect(await reads.load('0750654D')).toEqual({ uai: '0750654D', name: 'Lycée A' });
    expect(received).toEqual([['0750654D', '0310001A'], ['0750654D']]);
  });

  it('splits a burst larger than the batch limit', async () => {
    const reads = schools({ maxBatch: 2 });
    await Promise.all(['0750654D', '0310001A', '0130001B'].map((uai) => reads.load(uai)));
    expect(received).toEqual([['0750654D', '0310001A'], ['0130001B']]);
  });

  it('fails every read of a batch with the remote error code', async () => {
    failWith = new DomainError('SCHOOLS_UNAVAILABLE', 'directory offline');
    const reads = schools();
    const outcomes = await Promise.allSettled(['0750654D', '0310001A'].map((uai) => reads.load(uai)));
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as RemoteCommandError;
      expect(error).toBeInstanceOf(RemoteCommandError);
      expect(error.code).toBe('SCHOOLS_UNAVAILABLE');
    }
  });
});
