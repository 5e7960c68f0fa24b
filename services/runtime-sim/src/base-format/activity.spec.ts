import { DomainError } from '@pronote/contracts';
import { applyActivity } from './activity.js';
import { BaseFormatErrorCode, type BaseEntry } from './base-content.js';
import { decodeBase, encodeBase } from './base-codec.js';
import { emptyBase } from './sample-base.js';

const created = emptyBase({ uai: '0750653C', schoolYear: '2022-2023', createdAt: '2022-08-20T06:00:00.000Z' });
const absence: BaseEntry = { at: '2022-09-05T07:10:00.000Z', statistic: 'absences', delta: 1, text: 'Absence de 9h00 à 10h00, 6A' };
const note: BaseEntry = { at: '2022-09-05T08:30:00.000Z', statistic: 'notes', delta: 1, text: 'Note 15/20 en Français' };

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('applyActivity', () => {
  it('moves the counters, appends the entries and sets the last entry time', () => {
    const after = applyActivity(created, [absence, note, { ...absence, at: '2022-09-05T08:00:00.000Z' }]);
    expect(after.statistics.absences).toBe(2);
    expect(after.statistics.notes).toBe(1);
    expect(after.entries).toHaveLength(3);
    expect(after.lastEntryAt).toBe(note.at);
  });

  it('keeps the latest time when entries arrive out of order or older than the last one', () => {
    const first = applyActivity(created, [note]);
    expect(applyActivity(first, [absence]).lastEntryAt).toBe(note.at);
  });

  it('lets a counter come down (an absence removed) but never below zero', () => {
    const withOne = applyActivity(created, [absence]);
    expect(applyActivity(withOne, [{ ...absence, delta: -1, text: 'Absence supprimée' }]).statistics.absences).toBe(0);
    const error = errorOf(() => applyActivity(withOne, [{ ...absence, delta: -2 }]));
    expect(error.code).toBe(BaseFormatErrorCode.BASE_ACTIVITY_INVALID);
    expect(error.message).toMatch(/entries\.0\.delta/);
  });

  it('refuses counters beyond 32 bits', () => {
    const full = { ...created, statistics: { ...created.statistics, notes: 0xffffffff } };
    expect(errorOf(() => applyActivity(full, [note])).code).toBe(BaseFormatErrorCode.BASE_ACTIVITY_INVALID);
  });

  it('refuses entries typed before the base existed, unknown counters and bad instants', () => {
    for (const bad of [
      { ...note, at: '2022-08-20T05:59:59.999Z' },
      { ...note, statistic: 'licences' as never },
      { ...note, at: '5 septembre' },
      { ...note, delta: 1.5 },
    ]) {
      expect(errorOf(() => applyActivity(created, [note, bad])).details).toEqual({ entryIndex: 1 });
    }
  });

  it('applies all or nothing and never changes the content it was given', () => {
    const snapshot = structuredClone(created);
    expect(() => applyActivity(created, [absence, { ...note, delta: -1 }])).toThrow(DomainError);
    applyActivity(created, [absence]);
    expect(created).toEqual(snapshot);
  });

  it('returns equal content for no activity', () => {
    expect(applyActivity(created, [])).toEqual(created);
  });

  it('produces content that survives the file format', () => {
    const after = applyActivity(created, [absence, note]);
    expect(decodeBase(encodeBase(after))).toEqual(after);
  });
});
