import { CreateEmptyBase, StartBase, StopBase } from '@pronote/contracts';
import { type BasesHarness, startBasesHarness } from './support/bases-harness.js';

const uai = '0750654D';
const actor = 'operator';

/** Per-school lock: two orders for one school never run at once, even from two callers at the same instant. */
describe('one order at a time per school', () => {
  let h: BasesHarness;

  beforeAll(async () => {
    h = await startBasesHarness();
    await h.addSchool(uai);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('two concurrent starts of one base: one order to the runtime, both answered in service, one history line', async () => {
    const base = await h.send(CreateEmptyBase, { uai, schoolYear: '2023-2024', actor });
    h.runtime.delayMs = 300;
    const [first, second] = await Promise.all([
      h.send(StartBase, { uai, baseId: base.id, actor, sprPassword: 'a-long-spr-password' }),
      h.send(StartBase, { uai, baseId: base.id, actor: 'school:0750654D', sprPassword: 'a-long-spr-password' }),
    ]);
    expect([first.state, second.state]).toEqual(['in_service', 'in_service']);
    expect(h.runtime.orders.filter((order) => order === `start ${uai} ${base.id}`)).toHaveLength(1);
    const started = await h.query(`SELECT id FROM "BaseHistory" WHERE "baseId" = $1 AND action = 'base.service_started'`, [base.id]);
    expect(started).toHaveLength(1);
    expect(await h.query('SELECT * FROM "SchoolOrderLock"')).toEqual([]);
  }, 30_000);

  it('a start and a stop at once run one after the other, never interleaved on the runtime', async () => {
    const base = (await h.query<{ id: string }>(`SELECT id FROM "Base" WHERE uai = $1`, [uai]))[0]!;
    const other = await h.send(CreateEmptyBase, { uai, schoolYear: '2024-2025', actor });
    h.runtime.orders.length = 0;
    h.runtime.delayMs = 200;
    // The start of the other base stops the first (replaced) then starts; a concurrent stop of the
    // first must not slip between those two runtime orders.
    const results = await Promise.allSettled([
      h.send(StartBase, { uai, baseId: other.id, actor }),
      h.send(StopBase, { uai, baseId: base.id, actor }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const orders = h.runtime.orders.join('\n');
    expect(orders).toContain(`stop ${uai} ${base.id}\nstart ${uai} ${other.id}`);
    const inService = await h.query(`SELECT id FROM "Base" WHERE uai = $1 AND state = 'in_service'`, [uai]);
    expect(inService.map((row) => row['id'])).toEqual([other.id]);
  }, 30_000);
});
