import { RemoteCommandError } from '@pronote/bus';
import {
  RuntimeConnectionClosed,
  RuntimeErrorCode,
  RuntimeRestore,
  RuntimeRestorePrepare,
  RuntimeSnapshot,
  RuntimeStart,
  RuntimeStats,
  RuntimeStop,
  RuntimeDisconnect,
  baseContentKey,
  restoredContentKey,
  type StoredObject,
} from '@pronote/contracts';
import { TEST_DATABASE_URL } from '@pronote/testing';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { encodeBase } from '../src/base-format/base-codec.js';
import { sampleBase } from '../src/base-format/sample-base.js';
import { SEED_SAMPLE_STATISTICS } from '../src/base-format/statistics.js';
import { type RuntimeSimHarness, startRuntimeSim } from './support/runtime-sim.harness.js';

const UAI = '0750654D';
const OTHER_UAI = '0750653C';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let sim: RuntimeSimHarness;

beforeAll(async () => {
  sim = await startRuntimeSim();
}, 60_000);

afterAll(async () => {
  await sim?.stop();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteCommandError) return error.code;
    throw error;
  }
  throw new Error('expected the order to be refused');
}

/** Both steps of a restore, as backups sends them: prepare (verified, staged), then restore (the runtime stopped). */
async function restoreInto(uai: string, baseId: string, source: StoredObject, stagingKey: string) {
  const prepared = await sim.order(RuntimeRestorePrepare, uai, { uai, baseId, source, stagingKey });
  return sim.order(RuntimeRestore, uai, { uai, baseId, preparationId: prepared.preparationId });
}

/** Whether the runtime holds a school's base in memory (loaded) or as its S3 object only. */
async function heldData(uai: string): Promise<{ loaded: boolean; contentKey: string | null }> {
  const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT content IS NOT NULL AS loaded, "contentKey" FROM "${sim.schema}"."SchoolRuntime" WHERE uai = $1`, [uai]);
    return rows[0] as { loaded: boolean; contentKey: string | null };
  } finally {
    await db.end();
  }
}

/** A school's base uploaded as bases does it: at its content key, with its size and sha256. */
async function uploadedBase(uai: string, size = 436 * 1024, seed = 1) {
  const baseId = randomUUID();
  const bytes = encodeBase(sampleBase(size, { uai, seed }));
  const content = await sim.upload(baseContentKey(uai, baseId), bytes);
  return { baseId, bytes, content };
}

describe('runtime-sim protocol on real NATS, Postgres and S3', () => {
  it('keeps the bytes unchanged: upload → start → snapshot → stop → restore → start', async () => {
    const { baseId, bytes, content } = await uploadedBase(UAI);

    const started = await sim.order(RuntimeStart, UAI, { uai: UAI, baseId, content });
    expect(started).toMatchObject({ uai: UAI, baseId, state: 'in_service', statistics: SEED_SAMPLE_STATISTICS, connections: 0 });

    const snapshot = await sim.order(RuntimeSnapshot, UAI, { uai: UAI, baseId, targetKey: `backups/${UAI}/${baseId}/1.sauvs` });
    expect(snapshot.object).toEqual({ key: `backups/${UAI}/${baseId}/1.sauvs`, size: bytes.length, sha256: sha256(bytes) });
    expect((await sim.download(snapshot.object.key)).equals(bytes)).toBe(true);
    expect(snapshot).toMatchObject({ statistics: SEED_SAMPLE_STATISTICS, createdAt: '2022-06-14T10:23:00.000Z', lastEntryAt: started.lastEntryAt });

    const stopped = await sim.order(RuntimeStop, UAI, { uai: UAI, baseId, contentKey: `bases/${UAI}/${baseId}/stopped.hnot` });
    expect(stopped.status.state).toBe('stopped');
    expect(stopped.content).toEqual({ key: `bases/${UAI}/${baseId}/stopped.hnot`, size: bytes.length, sha256: sha256(bytes) });
    expect((await sim.download(stopped.content.key)).equals(bytes)).toBe(true);
    // Stopped, the base is its object in S3 only: a snapshot is a copy of it.
    expect(await heldData(UAI)).toEqual({ loaded: false, contentKey: stopped.content.key });
    const ofStopped = await sim.order(RuntimeSnapshot, UAI, { uai: UAI, baseId, targetKey: `backups/${UAI}/${baseId}/stopped.sauvs` });
    expect(ofStopped).toMatchObject({ object: { key: `backups/${UAI}/${baseId}/stopped.sauvs`, size: bytes.length, sha256: sha256(bytes) }, statistics: SEED_SAMPLE_STATISTICS });
    expect((await sim.download(ofStopped.object.key)).equals(bytes)).toBe(true);

    const restoredId = randomUUID();
    const stagingKey = restoredContentKey(UAI, restoredId, randomUUID());
    const restored = await restoreInto(UAI, restoredId, snapshot.object, stagingKey);
    expect(restored.status).toMatchObject({ baseId: restoredId, state: 'stopped' });
    expect(restored.content).toEqual({ key: stagingKey, size: bytes.length, sha256: sha256(bytes) });
    expect((await sim.download(restored.content.key)).equals(bytes)).toBe(true);
    expect(await heldData(UAI)).toEqual({ loaded: false, contentKey: stagingKey });
    expect(await sim.order(RuntimeStats, UAI, { uai: UAI })).toMatchObject({ baseId: restoredId, state: 'stopped', statistics: SEED_SAMPLE_STATISTICS });

    const again = await sim.order(RuntimeStart, UAI, { uai: UAI, baseId: restoredId, content: restored.content });
    expect(again.state).toBe('in_service');
    expect(await heldData(UAI)).toEqual({ loaded: true, contentKey: null });
    const final = await sim.order(RuntimeSnapshot, UAI, { uai: UAI, baseId: restoredId, targetKey: `backups/${UAI}/${restoredId}/2.sauvs` });
    expect((await sim.download(final.object.key)).equals(bytes)).toBe(true);
    await sim.order(RuntimeStop, UAI, { uai: UAI, baseId: restoredId, contentKey: restored.content.key });
  });

  it('a stopped base is its object: stopped again at that key it answers it unchanged; the object gone, a snapshot is refused with a typed error', async () => {
    const school = '0000010L';
    const { baseId, bytes, content } = await uploadedBase(school, 3000);
    await sim.order(RuntimeStart, school, { uai: school, baseId, content });
    const stopKey = `bases/${school}/${baseId}/stopped.hnot`;
    const stopped = await sim.order(RuntimeStop, school, { uai: school, baseId, contentKey: stopKey });
    // A retry of the stop (its answer lost): the same object, nothing copied onto itself.
    expect(await sim.order(RuntimeStop, school, { uai: school, baseId, contentKey: stopKey })).toEqual(stopped);
    expect((await sim.download(stopKey)).equals(bytes)).toBe(true);

    await sim.store.remove(stopKey);
    expect(await codeOf(sim.order(RuntimeSnapshot, school, { uai: school, baseId, targetKey: `backups/${school}/${baseId}/1.sauvs` }))).toBe(
      RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND,
    );
    expect(await sim.store.stat(`backups/${school}/${baseId}/1.sauvs`)).toBeNull();
    // Started again from an object that is there, it serves and snapshots as ever.
    expect(await sim.order(RuntimeStart, school, { uai: school, baseId, content })).toMatchObject({ state: 'in_service' });
    const snapshot = await sim.order(RuntimeSnapshot, school, { uai: school, baseId, targetKey: `backups/${school}/${baseId}/2.sauvs` });
    expect(snapshot.object).toEqual({ key: `backups/${school}/${baseId}/2.sauvs`, size: bytes.length, sha256: sha256(bytes) });
  });

  it('refuses content whose sha256 or size is not the recorded one, and holds nothing new', async () => {
    const school = '0000001B';
    const { baseId, content } = await uploadedBase(school, 2000);
    const wrongSha = { ...content, sha256: sha256(Buffer.from('another file')) };
    expect(await codeOf(sim.order(RuntimeStart, school, { uai: school, baseId, content: wrongSha }))).toBe(RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH);
    expect(await codeOf(sim.order(RuntimeStart, school, { uai: school, baseId, content: { ...content, size: content.size - 1 } }))).toBe(
      RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH,
    );
    expect(
      await codeOf(sim.order(RuntimeRestorePrepare, school, { uai: school, baseId, source: wrongSha, stagingKey: `bases/${school}/${baseId}/r.hnot` })),
    ).toBe(RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH);
    expect(await sim.store.stat(`bases/${school}/${baseId}/r.hnot`)).toBeNull();
    expect(await sim.order(RuntimeStats, school, { uai: school })).toMatchObject({ baseId: null, state: 'stopped', statistics: null });
  });

  it('refuses a file that is not a base, a truncated base, a base of another school and a missing object', async () => {
    const school = '0000002C';
    const baseId = randomUUID();
    const notABase = await sim.upload(`bases/${school}/${baseId}/photo.png`, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const full = encodeBase(sampleBase(5000, { uai: school }));
    const truncated = await sim.upload(`bases/${school}/${baseId}/truncated.hnot`, full.subarray(0, 3000));
    const { content: otherSchool } = await uploadedBase(OTHER_UAI, 3000);
    for (const content of [notABase, truncated, otherSchool]) {
      expect(await codeOf(sim.order(RuntimeStart, school, { uai: school, baseId, content }))).toBe(RuntimeErrorCode.RUNTIME_CONTENT_INVALID);
    }
    const missing = { key: `bases/${school}/${baseId}/none.hnot`, size: 1, sha256: sha256(Buffer.from('x')) };
    expect(await codeOf(sim.order(RuntimeStart, school, { uai: school, baseId, content: missing }))).toBe(RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND);
    expect((await sim.order(RuntimeStats, school, { uai: school })).baseId).toBeNull();
  });

  it('restores a base of another school only into the drill sandbox (RUNTIME_SIM_SANDBOX_UAI, default 0000000A)', async () => {
    const school = '0000004E';
    const { baseId, content, bytes } = await uploadedBase(OTHER_UAI, 3000, 3);
    const intoSchool = { uai: school, baseId, source: content, stagingKey: `sandbox/${school}/${baseId}.hnot` };
    expect(await codeOf(sim.order(RuntimeRestorePrepare, school, intoSchool))).toBe(RuntimeErrorCode.RUNTIME_CONTENT_INVALID);
    expect(await sim.store.stat(intoSchool.stagingKey)).toBeNull();

    const sandbox = '0000000A';
    const drilled = await restoreInto(sandbox, baseId, content, `sandbox/${sandbox}/${baseId}.hnot`);
    expect(drilled.status).toMatchObject({ uai: sandbox, baseId, state: 'stopped', statistics: expect.any(Object) });
    expect(drilled.content).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
  });

  it('refuses another base while one is served, and orders for a base it does not hold', async () => {
    const school = '0000003D';
    const served = await uploadedBase(school, 3000);
    const other = await uploadedBase(school, 4000, 2);
    await sim.order(RuntimeStart, school, { uai: school, baseId: served.baseId, content: served.content });

    expect(await codeOf(sim.order(RuntimeStart, school, { uai: school, baseId: other.baseId, content: other.content }))).toBe(
      RuntimeErrorCode.RUNTIME_ALREADY_RUNNING,
    );
    expect(await codeOf(sim.order(RuntimeStop, school, { uai: school, baseId: other.baseId, contentKey: 'bases/x.hnot' }))).toBe(
      RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED,
    );
    expect(await codeOf(sim.order(RuntimeSnapshot, school, { uai: school, baseId: other.baseId, targetKey: 'backups/x.sauvs' }))).toBe(
      RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED,
    );
    // A start retried after a timeout is a success, not an error.
    expect(await sim.order(RuntimeStart, school, { uai: school, baseId: served.baseId, content: served.content })).toMatchObject({
      baseId: served.baseId,
      state: 'in_service',
    });
    const stats = await sim.order(RuntimeStats, school, { uai: school });
    expect(stats).toMatchObject({ baseId: served.baseId, state: 'in_service' });
  });

  it('moves statistics and the last entry time with activity, and snapshots what was typed', async () => {
    const school = '0000004E';
    const { baseId, content, bytes } = await uploadedBase(school, 3000);
    const before = await sim.order(RuntimeStart, school, { uai: school, baseId, content });
    const at = '2030-09-05T07:10:00.000Z';
    const entries = [
      { at, statistic: 'absences', delta: 2, text: 'Absence de 9h00 à 10h00, 6A' },
      { at: '2030-09-05T06:00:00.000Z', statistic: 'notes', delta: 1, text: 'Note 15/20 en Français' },
    ];
    const response = await sim.http('POST', `/sim/schools/${school}/entries`, { entries });
    expect(response.status).toBe(200);
    expect(response.body.lastEntryAt).toBe(at);
    const stats = await sim.order(RuntimeStats, school, { uai: school });
    expect(stats.lastEntryAt).toBe(at);
    expect(stats.statistics!.absences).toBe(before.statistics!.absences + 2);
    expect(stats.statistics!.notes).toBe(before.statistics!.notes + 1);

    const refused = await sim.http('POST', `/sim/schools/${school}/entries`, {
      entries: [{ ...entries[0], delta: -(stats.statistics!.absences + 1) }],
    });
    expect(refused).toMatchObject({ status: 422, body: { code: 'BASE_ACTIVITY_INVALID' } });
    expect(await sim.http('POST', `/sim/schools/${school}/entries`, { entries: [{ ...entries[0], statistic: 'licences' }] })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect((await sim.order(RuntimeStats, school, { uai: school })).statistics).toEqual(stats.statistics);

    const snapshot = await sim.order(RuntimeSnapshot, school, { uai: school, baseId, targetKey: `backups/${school}/${baseId}/a.sauvs` });
    expect(snapshot.object.size).toBeGreaterThan(bytes.length);
    expect(snapshot).toMatchObject({ statistics: stats.statistics, lastEntryAt: at });

    await sim.order(RuntimeStop, school, { uai: school, baseId, contentKey: content.key });
    expect(await sim.http('POST', `/sim/schools/${school}/entries`, { entries })).toMatchObject({
      status: 409,
      body: { code: RuntimeErrorCode.RUNTIME_NOT_IN_SERVICE },
    });
  });

  it('opens, lists and disconnects connections, publishing an event for each close', async () => {
    const school = '0000005F';
    const { baseId, content } = await uploadedBase(school, 3000);
    const closedEvents: Array<{ connectionId: string; reason: string }> = [];
    const subscription = sim.client.connection().subscribe(sim.client.subject(RuntimeConnectionClosed.subject), {
      callback: (_, msg) => closedEvents.push(JSON.parse(new TextDecoder().decode(msg.data)).payload),
    });
    try {
      expect(
        await sim.http('POST', `/sim/schools/${school}/connections`, { application: 'client', mode: 'administratif', editing: true, userName: 'Superviseur (SPR)' }),
      ).toMatchObject({ status: 409, body: { code: RuntimeErrorCode.RUNTIME_NOT_IN_SERVICE } });
      await sim.order(RuntimeStart, school, { uai: school, baseId, content });

      const spr = await sim.http<{ connectionId: string }>('POST', `/sim/schools/${school}/connections`, {
        application: 'client', mode: 'administratif', editing: true, userName: 'Superviseur (SPR)', address: '10.0.0.5',
      });
      expect(spr).toMatchObject({ status: 201, body: { application: 'client', mode: 'administratif', editing: true, baseId } });
      const parent = await sim.http<{ connectionId: string }>('POST', `/sim/schools/${school}/connections`, { application: 'pronote_net', espace: 'parents', userName: 'M. Martin' });
      const teacher = await sim.http<{ connectionId: string }>('POST', `/sim/schools/${school}/connections`, { application: 'client', mode: 'enseignant', editing: false, userName: 'AALOUCH Delphine' });
      expect(await sim.http('POST', `/sim/schools/${school}/connections`, { application: 'client', mode: 'direction', editing: false, userName: 'x' })).toMatchObject({
        status: 400,
      });

      const listed = await sim.http<{ connectionId: string }[]>('GET', `/sim/schools/${school}/connections`);
      expect(listed.body.map((c: { connectionId: string }) => c.connectionId).sort()).toEqual(
        [spr.body.connectionId, parent.body.connectionId, teacher.body.connectionId].sort(),
      );
      expect((await sim.order(RuntimeStats, school, { uai: school })).connections).toBe(3);

      expect(await sim.order(RuntimeDisconnect, school, { uai: school, connectionId: spr.body.connectionId })).toEqual({ disconnected: true });
      expect(await codeOf(sim.order(RuntimeDisconnect, school, { uai: school, connectionId: spr.body.connectionId }))).toBe(
        RuntimeErrorCode.RUNTIME_CONNECTION_NOT_FOUND,
      );
      // Another school's connection id is not this school's.
      expect(await codeOf(sim.order(RuntimeDisconnect, '0000001B', { uai: '0000001B', connectionId: parent.body.connectionId }))).toBe(
        RuntimeErrorCode.RUNTIME_CONNECTION_NOT_FOUND,
      );
      expect((await sim.http('DELETE', `/sim/schools/${school}/connections/${parent.body.connectionId}`)).status).toBe(204);

      // Stopping the server ends every connection left.
      await sim.order(RuntimeStop, school, { uai: school, baseId, contentKey: content.key });
      expect((await sim.http('GET', `/sim/schools/${school}/connections`)).body).toEqual([]);

      const deadline = Date.now() + 10_000;
      while (closedEvents.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(closedEvents.map(({ connectionId, reason }) => [connectionId, reason]).sort()).toEqual(
        [
          [spr.body.connectionId, 'disconnected'],
          [parent.body.connectionId, 'client_closed'],
          [teacher.body.connectionId, 'service_stopped'],
        ].sort(),
      );
    } finally {
      subscription.unsubscribe();
    }
  });

  it('prepares a restore while the base is served (untouched), and loads it only once stopped, as a pointer to the staged copy', async () => {
    const school = '0000008J';
    const served = await uploadedBase(school, 3000);
    const backup = await uploadedBase(school, 5000, 4);
    await sim.order(RuntimeStart, school, { uai: school, baseId: served.baseId, content: served.content });
    const stagingKey = restoredContentKey(school, served.baseId, randomUUID());

    const prepared = await sim.order(RuntimeRestorePrepare, school, { uai: school, baseId: served.baseId, source: backup.content, stagingKey });
    expect(prepared.content).toEqual({ key: stagingKey, size: backup.bytes.length, sha256: sha256(backup.bytes) });
    expect(new Date(prepared.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await sim.download(stagingKey)).equals(backup.bytes)).toBe(true);
    // The live base is still the one served, and a snapshot of it is still its bytes.
    expect(await sim.order(RuntimeStats, school, { uai: school })).toMatchObject({ baseId: served.baseId, state: 'in_service' });
    const live = await sim.order(RuntimeSnapshot, school, { uai: school, baseId: served.baseId, targetKey: `backups/${school}/live.sauvs` });
    expect(live.object.sha256).toBe(served.content.sha256);

    const commit = { uai: school, baseId: served.baseId, preparationId: prepared.preparationId };
    expect(await codeOf(sim.order(RuntimeRestore, school, commit))).toBe(RuntimeErrorCode.RUNTIME_NOT_STOPPED);
    await sim.order(RuntimeStop, school, { uai: school, baseId: served.baseId, contentKey: served.content.key });
    const restored = await sim.order(RuntimeRestore, school, commit);
    expect(restored).toEqual({ status: expect.objectContaining({ baseId: served.baseId, state: 'stopped' }), content: prepared.content });
    // Taken once: the preparation is gone, the staged object is the base's content now.
    expect(await codeOf(sim.order(RuntimeRestore, school, commit))).toBe(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED);
    expect(await sim.order(RuntimeStart, school, { uai: school, baseId: served.baseId, content: restored.content })).toMatchObject({ state: 'in_service' });
    const after = await sim.order(RuntimeSnapshot, school, { uai: school, baseId: served.baseId, targetKey: `backups/${school}/after.sauvs` });
    expect(after.object.sha256).toBe(sha256(backup.bytes));
  });

  it('a preparation lost at a restart is refused with a typed error; prepared again, the restore goes through', async () => {
    const school = '0000009K';
    const { baseId, bytes, content } = await uploadedBase(school, 3000);
    const firstKey = restoredContentKey(school, baseId, randomUUID());
    const lost = await sim.order(RuntimeRestorePrepare, school, { uai: school, baseId, source: content, stagingKey: firstKey });

    await sim.restart();

    expect(await codeOf(sim.order(RuntimeRestore, school, { uai: school, baseId, preparationId: lost.preparationId }))).toBe(
      RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED,
    );
    // Shut down cleanly, the runtime removed the staging object no restore can use any more.
    expect(await sim.store.stat(firstKey)).toBeNull();
    const restored = await restoreInto(school, baseId, content, restoredContentKey(school, baseId, randomUUID()));
    expect(restored.content).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
  });

  it('keeps each school’s base, state and connections across a restart of the simulator', async () => {
    const served = '0000006G';
    const stopped = '0000007H';
    const a = await uploadedBase(served, 3000);
    const b = await uploadedBase(stopped, 3000);
    await sim.order(RuntimeStart, served, { uai: served, baseId: a.baseId, content: a.content });
    await sim.http('POST', `/sim/schools/${served}/entries`, { entries: [{ at: '2031-01-05T08:00:00.000Z', statistic: 'retards', delta: 1, text: 'Retard 5 min' }] });
    const connection = await sim.http('POST', `/sim/schools/${served}/connections`, { application: 'pronote_net', espace: 'eleves', userName: 'Élève' });
    await sim.order(RuntimeStart, stopped, { uai: stopped, baseId: b.baseId, content: b.content });
    await sim.order(RuntimeStop, stopped, { uai: stopped, baseId: b.baseId, contentKey: b.content.key });
    const before = await sim.order(RuntimeSnapshot, served, { uai: served, baseId: a.baseId, targetKey: `backups/${served}/before.sauvs` });
    const statsBefore = [await sim.order(RuntimeStats, served, { uai: served }), await sim.order(RuntimeStats, stopped, { uai: stopped })];

    await sim.restart();

    expect([await sim.order(RuntimeStats, served, { uai: served }), await sim.order(RuntimeStats, stopped, { uai: stopped })]).toEqual(statsBefore);
    expect(statsBefore[0]).toMatchObject({ state: 'in_service', connections: 1, lastEntryAt: '2031-01-05T08:00:00.000Z' });
    expect(statsBefore[1]).toMatchObject({ state: 'stopped', baseId: b.baseId });
    expect((await sim.http('GET', `/sim/schools/${served}/connections`)).body).toEqual([connection.body]);
    const after = await sim.order(RuntimeSnapshot, served, { uai: served, baseId: a.baseId, targetKey: `backups/${served}/after.sauvs` });
    expect(after.object.sha256).toBe(before.object.sha256);
    expect((await sim.download(after.object.key)).equals(await sim.download(before.object.key))).toBe(true);
  });
});
