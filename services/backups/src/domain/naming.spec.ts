import { BackupsErrorCode } from './errors.js';
import {
  archiveFileName,
  archiveObjectKey,
  backupFileName,
  backupObjectKey,
  buildListing,
  formatListingDate,
  formatSizeKo,
  nextRotationIndex,
  preRestoreFileName,
  preRestoreObjectKey,
  type ListingEntry,
} from './naming.js';
import { PLATFORM_DEFAULT_RETENTION, planRetention } from './retention.js';
import { DEFAULT_ARCHIVE_SLOTS, slotFor } from './schedule.js';

const paris = (local: string): Date => new Date(`${local}+02:00`); // June 2022: CEST
const BASE = 'Base année 2022-2023';
const owner = { uai: '0750654D', baseId: '3f1c2a9e-5b7d-4e21-9a0b-6c8d7e9f0a1b' };

describe('rotating index of backup names', () => {
  it('starts at 01 and wraps from 12 to 01', () => {
    expect(nextRotationIndex(null)).toBe(1);
    expect(nextRotationIndex(1)).toBe(2);
    expect(nextRotationIndex(11)).toBe(12);
    expect(nextRotationIndex(12)).toBe(1);
  });

  it('refuses an index outside the rotation', () => {
    for (const bad of [0, 13, 2.5]) {
      expect(() => nextRotationIndex(bad)).toThrow(expect.objectContaining({ code: BackupsErrorCode.ROTATION_INDEX_INVALID }));
    }
  });
});

describe('file names', () => {
  it('match the seed', () => {
    expect(backupFileName(BASE, 1)).toBe('Base année 2022-202301.sauvs');
    expect(backupFileName(BASE, 12)).toBe('Base année 2022-202312.sauvs');
    expect(archiveFileName(BASE, paris('2022-06-23T02:37:00'))).toBe('Base année 2022-2023_20220623_02h37.archs');
  });

  it('name an archive by its local time: 03h37 on the spring-forward day, 02h37 in winter', () => {
    const springForward = slotFor(new Date('2022-03-27T12:00:00Z'), DEFAULT_ARCHIVE_SLOTS);
    expect(archiveFileName(BASE, springForward)).toBe('Base année 2022-2023_20220327_03h37.archs');
    expect(archiveFileName(BASE, new Date('2023-01-10T01:37:00Z'))).toBe('Base année 2022-2023_20230110_02h37.archs');
  });

  it('name a pre-restore safety backup outside the rotation', () => {
    expect(preRestoreFileName(BASE, paris('2022-06-23T10:12:40'))).toBe(
      'Base année 2022-2023_avant restauration_20220623_10h12.sauvs',
    );
  });
});

describe('object keys', () => {
  it('follow the storage layout', () => {
    expect(backupObjectKey(owner, paris('2022-06-23T04:20:00'))).toBe(
      'backups/0750654D/3f1c2a9e-5b7d-4e21-9a0b-6c8d7e9f0a1b/20220623T022000Z.sauvs',
    );
    expect(preRestoreObjectKey(owner, paris('2022-06-23T10:12:40'))).toBe(
      'backups/0750654D/3f1c2a9e-5b7d-4e21-9a0b-6c8d7e9f0a1b/20220623T081240Z-pre-restore.sauvs',
    );
    // 00:37 CEST is still 22 June in UTC: the key uses the local day.
    expect(archiveObjectKey(owner, paris('2022-06-23T00:37:00'))).toBe(
      'archives/0750654D/3f1c2a9e-5b7d-4e21-9a0b-6c8d7e9f0a1b/2022-06-23.archs',
    );
  });

  it('keep the two fall-back 02:20s apart (distinct UTC stamps)', () => {
    const first = backupObjectKey(owner, new Date('2022-10-30T00:20:00Z'));
    const second = backupObjectKey(owner, new Date('2022-10-30T01:20:00Z'));
    expect(first).not.toBe(second);
  });

  it('refuse ids that could escape their prefix', () => {
    for (const bad of [
      { uai: '0750654D', baseId: '../other' },
      { uai: '0750654D/x', baseId: 'b' },
      { uai: '0750654d', baseId: 'b' },
      { uai: '0750654D', baseId: '' },
    ]) {
      expect(() => backupObjectKey(bad, new Date())).toThrow(
        expect.objectContaining({ code: BackupsErrorCode.OBJECT_KEY_INVALID }),
      );
    }
  });
});

describe('formatSizeKo and formatListingDate', () => {
  it('write sizes in Ko, rounded up, digits not grouped (as the Fiche 9 listing)', () => {
    expect(formatSizeKo(0)).toBe('0 Ko');
    expect(formatSizeKo(1)).toBe('1 Ko');
    expect(formatSizeKo(436 * 1024)).toBe('436 Ko');
    expect(formatSizeKo(436 * 1024 + 1)).toBe('437 Ko');
    expect(formatSizeKo(4092 * 1024)).toBe('4092 Ko');
    expect(formatSizeKo(1_234_567 * 1024)).toBe('1234567 Ko');
    expect(() => formatSizeKo(-1)).toThrow(expect.objectContaining({ code: BackupsErrorCode.SIZE_INVALID }));
  });

  it('write dates as dd/MM/yy HH:mm in Paris time', () => {
    expect(formatListingDate(new Date('2022-06-23T02:20:00Z'))).toBe('23/06/22 04:20');
    expect(formatListingDate(new Date('2023-01-09T23:05:00Z'))).toBe('10/01/23 00:05');
  });
});

describe('the seed listing (Fiche 9), rebuilt from records', () => {
  it('names, orders and formats 12 backups and the archives as the console shows them', () => {
    // Backups taken, oldest first (20/06 02:20 skipped: nothing new). The first is the one the 13th pushes out.
    const taken: Array<[slot: string, completed: string]> = [
      ['2022-06-19T02:20', '2022-06-19T02:20:40'],
      ['2022-06-19T04:20', '2022-06-19T04:19:50'], // the seed shows 04:19 here
      ...['20T00', '20T04', '21T00', '21T02', '21T04', '22T00', '22T02', '22T04', '23T00', '23T02', '23T04'].map(
        (at): [string, string] => [`2022-06-${at}:20`, `2022-06-${at}:20:40`],
      ),
    ];
    let index: number | null = null;
    const backups = taken.map(([slot, completed]) => {
      index = nextRotationIndex(index);
      return { id: slot, kind: 'backup' as const, index, slot: paris(`${slot}:00`), completedAt: paris(completed) };
    });
    const plan = planRetention(
      backups.map(({ id, kind, slot }) => ({ id, kind, takenAt: slot, state: 'complete' as const, verifiedAt: null })),
      PLATFORM_DEFAULT_RETENTION,
      paris('2022-06-23T09:00:00'),
    );
    expect(plan.prune.map(({ item }) => item.id)).toEqual(['2022-06-19T02:20']);
    const kept = new Set(plan.keep.map(({ item }) => item.id));

    const entries: ListingEntry[] = [
      ...backups
        .filter(({ id }) => kept.has(id))
        .map(({ id, index: rotation, completedAt }) => ({
          id,
          kind: 'backup' as const,
          fileName: backupFileName(BASE, rotation),
          completedAt,
          sizeBytes: 446_000,
        })),
      ...['20', '21', '22', '23'].map((day) => ({
        id: `archive-${day}`,
        kind: 'archive' as const,
        fileName: archiveFileName(BASE, paris(`2022-06-${day}T02:37:00`)),
        completedAt: paris(`2022-06-${day}T02:38:10`),
        sizeBytes: day === '20' ? 4091 * 1024 : 4092 * 1024,
      })),
    ];
    const listing = buildListing(entries);
    expect(listing.title).toBe('Sauvegardes (12) et archives (4)');
    expect(listing.rows.map(({ name, type, date, size }) => [name, type, date, size].join('\t'))).toEqual([
      'Base année 2022-202301.sauvs\tSauvegarde\t23/06/22 04:20\t436 Ko',
      'Base année 2022-2023_20220623_02h37.archs\tArchive\t23/06/22 02:38\t4092 Ko',
      'Base année 2022-202312.sauvs\tSauvegarde\t23/06/22 02:20\t436 Ko',
      'Base année 2022-202311.sauvs\tSauvegarde\t23/06/22 00:20\t436 Ko',
      'Base année 2022-202310.sauvs\tSauvegarde\t22/06/22 04:20\t436 Ko',
      'Base année 2022-2023_20220622_02h37.archs\tArchive\t22/06/22 02:38\t4092 Ko',
      'Base année 2022-202309.sauvs\tSauvegarde\t22/06/22 02:20\t436 Ko',
      'Base année 2022-202308.sauvs\tSauvegarde\t22/06/22 00:20\t436 Ko',
      'Base année 2022-202307.sauvs\tSauvegarde\t21/06/22 04:20\t436 Ko',
      'Base année 2022-2023_20220621_02h37.archs\tArchive\t21/06/22 02:38\t4092 Ko',
      'Base année 2022-202306.sauvs\tSauvegarde\t21/06/22 02:20\t436 Ko',
      'Base année 2022-202305.sauvs\tSauvegarde\t21/06/22 00:20\t436 Ko',
      'Base année 2022-202304.sauvs\tSauvegarde\t20/06/22 04:20\t436 Ko',
      'Base année 2022-2023_20220620_02h37.archs\tArchive\t20/06/22 02:38\t4091 Ko',
      'Base année 2022-202303.sauvs\tSauvegarde\t20/06/22 00:20\t436 Ko',
      'Base année 2022-202302.sauvs\tSauvegarde\t19/06/22 04:19\t436 Ko',
    ]);
  });
});
