import { CreateEmptyBase, GetBase, ImportEdtTransfer, StartBase } from '@pronote/contracts';
import { inspectBaseFileHeader } from '../src/domain/base-files.js';
import { type BasesHarness, errorCode, startBasesHarness } from './support/bases-harness.js';
import { edtTransfer } from './support/edt-transfer.js';

const uai = '0750654D';
const actor = 'school:0750654D';

/** Fiche 6: an EDT transfer initialises an empty base only, with the espaces chosen at the transfer. */
describe('initialise a base from EDT', () => {
  let h: BasesHarness;

  beforeAll(async () => {
    h = await startBasesHarness();
    await h.addSchool(uai);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const header = async (key: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of await h.store.getStream(key)) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), header: inspectBaseFileHeader(Buffer.concat(chunks).subarray(0, 128)) };
  };

  it('imports grid and resources into the empty base, records the event with the espaces, and the runtime loads it', async () => {
    const base = await h.send(CreateEmptyBase, { uai, schoolYear: '2023-2024', actor });
    const result = await h.send(ImportEdtTransfer, { uai, baseId: base.id, actor, transfer: edtTransfer(uai, '2023-2024') });
    expect(result.imported).toEqual({ professeurs: 3, classes: 2, matieres: 4, groupes: 0, salles: 5, eleves: 6 });
    expect(result.base).toMatchObject({ origin: 'edt', grid: { sequenceCount: 9, sequenceMinutes: 55, dayLengthLabel: '8h15' } });
    expect(result.base.lastEntryAt).not.toBeNull();

    const stored = await header(result.base.content.key);
    expect(stored.header.lastEntryAt).toBe(result.base.lastEntryAt);
    expect(stored.bytes.readUInt32BE(44)).toBe(3); // professeurs
    expect(stored.bytes.readUInt32BE(116)).toBe(20); // one entry per resource
    expect((await h.store.sha256Of(result.base.content.key)).sha256).toBe(result.base.content.sha256);

    const events = await h.query<{ envelope: { payload: { espaces: string[]; baseId: string } } }>(
      `SELECT envelope FROM "OutboxEvent" WHERE subject LIKE '%hosting.base.edt_imported.v1'`,
    );
    expect(events.map((e) => e.envelope.payload)).toEqual([expect.objectContaining({ baseId: base.id, espaces: ['professeurs', 'eleves', 'parents'] })]);
    expect(await h.query(`SELECT action FROM "BaseHistory" WHERE "baseId" = $1 AND action = 'base.edt_imported'`, [base.id])).toHaveLength(1);

    const started = await h.send(StartBase, { uai, baseId: base.id, actor, sprPassword: 'a-long-spr-password' });
    expect(started.state).toBe('in_service');
  });

  it('refuses a base that is not empty, in service, of another school or year, and changes nothing', async () => {
    const served = (await h.query<{ id: string }>(`SELECT id FROM "Base" WHERE uai = $1`, [uai]))[0]!.id;
    expect(await errorCode(h.send(ImportEdtTransfer, { uai, baseId: served, actor, transfer: edtTransfer(uai, '2023-2024') }))).toBe('EDT_BASE_IN_SERVICE');

    const next = await h.send(CreateEmptyBase, { uai, schoolYear: '2024-2025', actor });
    expect(await errorCode(h.send(ImportEdtTransfer, { uai, baseId: next.id, actor, transfer: edtTransfer('0750653C', '2024-2025') }))).toBe('EDT_TRANSFER_WRONG_SCHOOL');
    expect(await errorCode(h.send(ImportEdtTransfer, { uai, baseId: next.id, actor, transfer: edtTransfer(uai, '2023-2024') }))).toBe('EDT_TRANSFER_WRONG_YEAR');
    expect(await errorCode(h.send(ImportEdtTransfer, { uai, baseId: next.id, actor, transfer: edtTransfer(uai, '2024-2025', { grid: { sequenceMinutes: 500 } }) }))).toBe('GRID_OUT_OF_RANGE');
    expect(await h.send(GetBase, { uai, baseId: next.id })).toEqual(next);

    await h.send(ImportEdtTransfer, { uai, baseId: next.id, actor, transfer: edtTransfer(uai, '2024-2025') });
    const imported = await h.send(GetBase, { uai, baseId: next.id });
    expect(await errorCode(h.send(ImportEdtTransfer, { uai, baseId: next.id, actor, transfer: edtTransfer(uai, '2024-2025') }))).toBe('EDT_BASE_NOT_EMPTY');
    expect(await h.send(GetBase, { uai, baseId: next.id })).toEqual(imported);
    expect((await h.store.sha256Of(imported.content.key)).sha256).toBe(imported.content.sha256);
  });
});
