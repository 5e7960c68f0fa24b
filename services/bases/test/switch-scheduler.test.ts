import { CreateEmptyBase, GetVersionSwitch, PutVersionRelease, StartBase, uaiCheckLetter } from '@pronote/contracts';
import { waitFor } from '@pronote/testing';
import { calendarDateInParis } from '../src/domain/calendar-date.js';
import { type BasesHarness, startBasesHarness } from './support/bases-harness.js';

const SCHOOLS = Array.from({ length: 8 }, (_, i) => `075000${i + 1}`).map((digits) => `${digits}${uaiCheckLetter(digits)}`);
const actor = 'operator';

/**
 * The yearly switch as a scheduled BullMQ job: a version whose switch date is today gets its job at
 * once (catch-up of the scheduler synced from Postgres); the service is killed (SIGKILL) in the middle
 * of the campaign and restarted: the stalled job is taken over and the campaign completes, every
 * school switched exactly once.
 */
describe('scheduled yearly switch, killed mid-campaign', () => {
  let h: BasesHarness;
  const today = calendarDateInParis(new Date());
  const version = Number(today.slice(0, 4));
  const lastYear = `${version - 1}-${version}`;
  const newYear = `${version}-${version + 1}`;

  beforeAll(async () => {
    // Taken over 5 s after the kill; a shorter lock (renewed every half of it) stalls on a late renewal under load.
    h = await startBasesHarness({ SWITCH_JOB_LOCK_MS: '5000' });
    for (const uai of SCHOOLS) {
      await h.addSchool(uai);
      const base = await h.send(CreateEmptyBase, { uai, schoolYear: lastYear, actor });
      await h.send(StartBase, { uai, baseId: base.id, actor, sprPassword: 'a-long-spr-password' });
    }
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('runs on its date without an operator, survives a SIGKILL, and completes once per school', async () => {
    h.runtime.delayMs = 250;
    const release = await h.send(PutVersionRelease, { version, switchOn: today, ...(today.endsWith('-01-01') ? {} : { preVersionOpensOn: `${version}-01-01` }) });
    expect(release.switchOn).toBe(today);

    await waitFor(async () => {
      const view = await h.send(GetVersionSwitch, { version }).catch(() => undefined);
      return view && view.processed >= 2 ? view : undefined;
    }, { what: 'the scheduled campaign to start', timeoutMs: 20_000 });
    await h.service.kill();
    const partial = await h.send(GetVersionSwitch, { version }).catch(() => undefined);
    expect(partial?.status).not.toBe('completed');

    h.service.start();
    await h.service.waitReady();
    const done = await waitFor(async () => {
      const view = await h.send(GetVersionSwitch, { version });
      return view.status === 'completed' ? view : undefined;
    }, { what: 'the campaign to complete after the restart', timeoutMs: 60_000 });
    expect(done).toMatchObject({ schools: SCHOOLS.length, processed: SCHOOLS.length, failed: 0 });

    const rows = await h.query<{ uai: string; schoolYear: string; state: string }>(`SELECT uai, "schoolYear", state FROM "Base" ORDER BY uai, "schoolYear"`);
    expect(rows).toEqual(SCHOOLS.flatMap((uai) => [
      { uai, schoolYear: lastYear, state: 'stopped' },
      { uai, schoolYear: newYear, state: 'in_service' },
    ]));
    expect(await h.query('SELECT * FROM "SchoolOrderLock"')).toEqual([]);
  }, 120_000);
});
