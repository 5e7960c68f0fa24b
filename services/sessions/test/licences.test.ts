import { AccountLicencesChanged, AcquireLicence, GetLicences, ReleaseLicence, SetAdminReserve, makeEnvelope } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';
import { type SessionsHarness, startSessionsHarness, waitUntil } from './support/sessions-harness.js';

/**
 * Licences "en modification" over NATS against the real sessions service and Postgres
 * (RELIABILITY.md: "200 concurrent requests for 4 licence seats: exactly 4 grants").
 */
describe('sessions: licences en modification', () => {
  let h: SessionsHarness;

  beforeAll(async () => {
    h = await startSessionsHarness();
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  }, 30_000);

  const acquire = (uai: string, holderId: string, administrator: boolean) =>
    h.send(AcquireLicence, { uai, holderId, administrator, userName: `user ${holderId}` }, 30_000).then(
      () => 'granted' as const,
      (error: { code?: string }) => error.code ?? 'error',
    );

  it('200 concurrent acquires for 4 licences (1 reserved): exactly 3 teachers, then the administrator gets the last seat', async () => {
    await h.addSchool('0750654D', 4);
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => acquire('0750654D', `teacher-${i}`, false)));
    expect(outcomes.filter((o) => o === 'granted')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'LICENCES_EXHAUSTED')).toHaveLength(197);

    expect(await acquire('0750654D', 'spr', true)).toBe('granted');
    expect(await acquire('0750654D', 'admin-2', true)).toBe('LICENCES_EXHAUSTED');
    const seats = await h.query('SELECT count(*)::int AS n FROM "LicenceSeat" WHERE uai = $1', ['0750654D']);
    expect(seats[0]!.n).toBe(4);
    expect(await h.send(GetLicences, { uai: '0750654D' })).toMatchObject({
      inModification: 4,
      total: 4,
      reservedForAdministrators: 1,
      heldByAdministrators: 1,
      label: 'Licences en modification : 4/4, réservées aux administrateurs : 1',
    });
  }, 60_000);

  it('200 concurrent acquires mixing administrators and others never exceed N nor give the reserve away', async () => {
    await h.addSchool('0750653C', 4);
    await h.send(SetAdminReserve, { uai: '0750653C', reserved: 2 });
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => acquire('0750653C', `u-${i}`, i % 10 === 0)));
    expect(outcomes.filter((o) => o === 'granted')).toHaveLength(4);
    const [counts] = await h.query<{ seats: number; admins: number; used: number; adminsUsed: number }>(
      `SELECT (SELECT count(*)::int FROM "LicenceSeat" WHERE uai = $1) AS seats,
              (SELECT count(*)::int FROM "LicenceSeat" WHERE uai = $1 AND administrator) AS admins,
              "seatsInUse" AS used, "adminSeatsInUse" AS "adminsUsed" FROM "School" WHERE uai = $1`,
      ['0750653C'],
    );
    expect(counts!.seats).toBe(4);
    expect(counts!.used).toBe(4);
    expect(counts!.adminsUsed).toBe(counts!.admins);
    // Non-administrators hold at most N - k seats whatever the interleaving.
    expect(counts!.seats - counts!.admins).toBeLessThanOrEqual(2);
  }, 60_000);

  it('is idempotent per holder: acquiring twice (even at once) takes one seat; releasing twice frees one', async () => {
    const uai = '0750652B';
    await h.addSchool(uai, 4);
    const same = await Promise.all(Array.from({ length: 20 }, () => acquire(uai, 'holder-1', false)));
    expect(same.every((o) => o === 'granted')).toBe(true);
    expect((await h.send(GetLicences, { uai })).inModification).toBe(1);
    expect((await h.send(ReleaseLicence, { uai, holderId: 'holder-1' })).released).toBe(true);
    const again = await h.send(ReleaseLicence, { uai, holderId: 'holder-1' });
    expect(again.released).toBe(false);
    expect(again.licences.inModification).toBe(0);
  }, 30_000);

  it('refuses a reserve beyond N and an unknown school with stable codes; follows licence changes of the account', async () => {
    const uai = '0750651A';
    await h.addSchool(uai, 2);
    await expect(h.send(SetAdminReserve, { uai, reserved: 3 })).rejects.toMatchObject({ code: 'LICENCE_RESERVE_INVALID' });
    await expect(h.send(GetLicences, { uai: '0750650Z' })).rejects.toMatchObject({ code: 'SESSIONS_SCHOOL_NOT_FOUND' });
    await expect(h.send(AcquireLicence, { uai: '0750650Z', holderId: 'x', administrator: true, userName: 'x' })).rejects.toMatchObject({
      code: 'SESSIONS_SCHOOL_NOT_FOUND',
    });

    const [school] = await h.query<{ accountId: string }>('SELECT "accountId" FROM "School" WHERE uai = $1', [uai]);
    await h.publish(makeEnvelope(AccountLicencesChanged, { accountId: school!.accountId, uai, licences: 6 }, { correlationId: randomUUID() }));
    await waitUntil(async () => (await h.send(GetLicences, { uai })).total === 6, 'the new licence count');
    expect((await h.send(SetAdminReserve, { uai, reserved: 3 })).label).toBe('Licences en modification : 0/6, réservées aux administrateurs : 3');
  }, 30_000);
});
