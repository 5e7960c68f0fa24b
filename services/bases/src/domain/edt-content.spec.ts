import { type EdtTransfer, edtTransferSchema } from '@pronote/contracts';
import { inspectBaseFileHeader } from './base-files.js';
import { encodeBaseFile } from './base-file-writer.js';
import { checkEdtTransfer, countEdtResources, edtBaseContent } from './edt-content.js';

const transfer = (overrides: Partial<EdtTransfer> = {}): EdtTransfer =>
  edtTransferSchema.parse({
    format: 'edt-transfer',
    version: 1,
    uai: '0750654D',
    schoolYear: '2023-2024',
    grid: {},
    resources: { professeurs: [{ code: 'P1', name: 'MARTIN Anne' }, { code: 'P2', name: 'DUPONT Marc' }], classes: [{ code: '6A', name: '6e A' }] },
    espaces: ['professeurs'],
    ...overrides,
  });

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('EDT transfer into a base', () => {
  it('refuses another school, another year and a code given twice', () => {
    const target = { uai: '0750654D', schoolYear: '2023-2024' };
    expect(code(() => checkEdtTransfer(transfer({ uai: '0750653C' }), target))).toBe('EDT_TRANSFER_WRONG_SCHOOL');
    expect(code(() => checkEdtTransfer(transfer({ schoolYear: '2022-2023' }), target))).toBe('EDT_TRANSFER_WRONG_YEAR');
    const twice = transfer();
    twice.resources.salles = [{ code: 'S1', name: 'Salle 1' }, { code: 'S1', name: 'Salle 1 bis' }];
    expect(code(() => checkEdtTransfer(twice, target))).toBe('EDT_RESOURCE_DUPLICATE');
    expect(code(() => checkEdtTransfer(transfer(), target))).toBe('no error');
  });

  it('writes one entry per resource and the counters, with the import as last entry', () => {
    const importedAt = new Date('2023-08-25T09:00:00.000Z');
    const content = edtBaseContent(transfer(), { uai: '0750654D', schoolYearStart: 2023, pronoteVersion: 2023, createdAt: new Date('2023-08-20T03:00:00.000Z') }, importedAt);
    expect(content.statistics?.slice(0, 6)).toEqual([2, 1, 0, 0, 0, 0]);
    expect(content.entries).toHaveLength(3);
    expect(countEdtResources(transfer())).toEqual({ professeurs: 2, classes: 1, matieres: 0, groupes: 0, salles: 0, eleves: 0 });
    const header = inspectBaseFileHeader(encodeBaseFile(content).subarray(0, 128));
    expect(header).toMatchObject({ uai: '0750654D', schoolYear: '2023-2024', lastEntryAt: importedAt.toISOString() });
  });
});
