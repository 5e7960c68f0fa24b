import {
  CreateEmptyBase,
  GetVersionSwitch,
  ListBases,
  PutVersionRelease,
  RequestPreVersion,
  RunVersionSwitch,
  StartBase,
} from '@pronote/contracts';
import { waitFor } from '@pronote/testing';
import { type BasesHarness, errorCode, startBasesHarness } from './support/bases-harness.js';

const LAST_YEAR_SCHOOL = '0750654D';
const NEW_YEAR_SCHOOL = '0750653C';
const STOPPED_SCHOOL = '0751234J';
const actor = 'operator';

describe('yearly version switch (Fiche 3)', () => {
  let h: BasesHarness;

  beforeAll(async () => {
    h = await startBasesHarness();
    for (const uai of [LAST_YEAR_SCHOOL, NEW_YEAR_SCHOOL, STOPPED_SCHOOL]) await h.addSchool(uai);
    const inService = async (uai: string, schoolYear: string) => {
      const base = await h.send(CreateEmptyBase, { uai, schoolYear, grid: { sequenceMinutes: 55 }, actor });
      await h.send(StartBase, { uai, baseId: base.id, actor, sprPassword: 'a-long-spr-password' });
    };
    await inService(LAST_YEAR_SCHOOL, '2022-2023');
    await inService(NEW_YEAR_SCHOOL, '2023-2024');
    await h.send(CreateEmptyBase, { uai: STOPPED_SCHOOL, schoolYear: '2022-2023', actor });
    await h.send(PutVersionRelease, { version: 2023 });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('opens pre-version requests from 1 July until the day before the switch', async () => {
    expect(await errorCode(h.send(RequestPreVersion, { uai: LAST_YEAR_SCHOOL, version: 2023, actor, today: '2023-06-30' }))).toBe('PRE_VERSION_NOT_YET_OPEN');
    expect(await h.send(RequestPreVersion, { uai: LAST_YEAR_SCHOOL, version: 2023, actor, today: '2023-07-10' })).toMatchObject({ version: 2023 });
    expect(await errorCode(h.send(RequestPreVersion, { uai: LAST_YEAR_SCHOOL, version: 2023, actor, today: '2023-08-20' }))).toBe('PRE_VERSION_WINDOW_CLOSED');
    expect(await errorCode(h.send(RequestPreVersion, { uai: LAST_YEAR_SCHOOL, version: 2031, actor, today: '2031-07-10' }))).toBe('VERSION_UNKNOWN');
  });

  it('refuses to switch before the day', async () => {
    expect(await errorCode(h.send(RunVersionSwitch, { version: 2023, actor, today: '2023-08-19' }))).toBe('SWITCH_NOT_DUE');
  });

  it('switches each school by the rule, reports per school, and a second run changes nothing', async () => {
    await h.send(RunVersionSwitch, { version: 2023, actor, today: '2023-08-20' });
    const campaign = await waitFor(async () => {
      const view = await h.send(GetVersionSwitch, { version: 2023 });
      return view.status === 'completed' ? view : undefined;
    }, { what: 'the campaign to complete' });
    expect(campaign).toMatchObject({ schools: 3, processed: 3, failed: 0 });
    const decisions = Object.fromEntries(campaign.results.map((r) => [r.uai, r.decision]));
    expect(decisions).toEqual({ [LAST_YEAR_SCHOOL]: 'create-and-start-new', [NEW_YEAR_SCHOOL]: 'keep', [STOPPED_SCHOOL]: 'nothing-in-service' });

    const lastYear = (await h.send(ListBases, { uai: LAST_YEAR_SCHOOL })).bases;
    expect(lastYear.map((b) => [b.schoolYear, b.state, b.origin])).toEqual([
      ['2023-2024', 'in_service', 'version_switch'],
      ['2022-2023', 'stopped', 'empty'],
    ]);
    expect(lastYear[0]!.grid).toMatchObject({ sequenceMinutes: 55 });
    expect(lastYear[0]!.pronoteVersion).toBe(2023);
    expect((await h.send(ListBases, { uai: NEW_YEAR_SCHOOL })).bases).toHaveLength(1);
    expect((await h.send(ListBases, { uai: STOPPED_SCHOOL })).bases.map((b) => [b.schoolYear, b.state])).toEqual([
      ['2023-2024', 'stopped'],
      ['2022-2023', 'stopped'],
    ]);

    const basesBefore = await h.query('SELECT id FROM "Base"');
    expect(await errorCode(h.send(RunVersionSwitch, { version: 2023, actor, today: '2023-08-21' }))).toBe('SWITCH_ALREADY_COMPLETED');
    expect(await h.query('SELECT id FROM "Base"')).toHaveLength(basesBefore.length);
  });
});
