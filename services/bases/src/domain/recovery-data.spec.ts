import { BASE_STATISTIC_KEYS } from '@pronote/contracts';
import { encodeBaseFile } from './base-file-writer.js';
import { RECOVERY_LEAF_IDS } from './recovery-categories.js';
import { preparationData, readBaseStatistics, recoveryReport } from './recovery-data.js';

describe('recovery data', () => {
  const statistics = BASE_STATISTIC_KEYS.map((_, index) => index * 10);
  const bytes = encodeBaseFile({ uai: '0750654D', schoolYearStart: 2022, pronoteVersion: 2022, createdAt: new Date(0), lastEntryAt: null, statistics });

  it('reads the counters of a .HNOT header in the format order', () => {
    const read = readBaseStatistics(bytes.subarray(0, 128));
    expect(read.professeurs).toBe(0);
    expect(read.notes).toBe(70);
    expect(read.suivis).toBe(170);
  });

  it('gives every selectable category its items, and reports only the chosen ones', () => {
    const data = preparationData(readBaseStatistics(bytes));
    expect(Object.keys(data)).toEqual(RECOVERY_LEAF_IDS);
    expect(data['notations']).toEqual({ items: 70 });
    expect(data['etablissement.identite']).toEqual({ items: 1 });
    const report = recoveryReport(['notations', 'etablissement.identite'], data, { schoolYear: '2022-2023', pronoteVersion: 2022, sha256: 'a'.repeat(64), source: 'previous-year' });
    expect(report.categories).toEqual([
      { id: 'notations', label: 'Notations', kind: 'records', items: 70 },
      { id: 'etablissement.identite', label: 'Identité', kind: 'settings', items: 1 },
    ]);
    expect(report.totalItems).toBe(71);
  });
});
