import type { EdtTransfer } from '@pronote/contracts';

/** A small EDT transfer of the documented format v1 (libs/contracts/src/bases/edt-transfer.ts). */
export function edtTransfer(uai: string, schoolYear: string, overrides: Partial<EdtTransfer> = {}): EdtTransfer {
  const many = (prefix: string, label: string, count: number) => Array.from({ length: count }, (_, i) => ({ code: `${prefix}${i + 1}`, name: `${label} ${i + 1}` }));
  return {
    format: 'edt-transfer',
    version: 1,
    uai,
    schoolYear,
    grid: { sequenceCount: 9, sequenceMinutes: 55, workingDays: ['monday', 'tuesday', 'thursday', 'friday'] },
    resources: {
      professeurs: many('P', 'Professeur', 3),
      classes: many('C', 'Classe', 2),
      matieres: many('M', 'Matière', 4),
      groupes: [],
      salles: many('S', 'Salle', 5),
      eleves: many('E', 'Élève', 6),
    },
    espaces: ['professeurs', 'eleves', 'parents'],
    ...overrides,
  };
}
