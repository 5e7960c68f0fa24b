import { DomainError, EDT_RESOURCE_KINDS, EdtErrorCode, type EdtResourceKind, type EdtTransfer } from '@pronote/contracts';
import type { BaseFileContent, BaseFileEntry } from './base-file-writer.js';
import { parseSchoolYear } from './school-year.js';

/**
 * What an EDT transfer (Fiche 6) puts into an empty base, in the runtime's .HNOT format v1: one
 * entry per resource ("typed" at the import instant) moving its statistic by one, and the counters
 * set accordingly, so the panel (Fiche 9) shows the imported professeurs, classes… at once.
 */

/** Index of each resource kind among the format's 18 statistics (FORMAT.md order). */
const STATISTIC_INDEX: Readonly<Record<EdtResourceKind, number>> = {
  professeurs: 0,
  classes: 1,
  matieres: 2,
  groupes: 3,
  eleves: 4,
  salles: 5,
};

export type EdtResourceCounts = Record<EdtResourceKind, number>;

/** Refuses a transfer of another school or year, or with a resource code given twice in a kind. */
export function checkEdtTransfer(transfer: EdtTransfer, target: { uai: string; schoolYear: string }): void {
  if (transfer.uai !== target.uai) {
    throw new DomainError(EdtErrorCode.EDT_TRANSFER_WRONG_SCHOOL, `this EDT transfer is for the school ${transfer.uai}, not ${target.uai}`, {
      field: 'transfer.uai',
      transferUai: transfer.uai,
      uai: target.uai,
    });
  }
  if (parseSchoolYear(transfer.schoolYear).label !== target.schoolYear) {
    throw new DomainError(EdtErrorCode.EDT_TRANSFER_WRONG_YEAR, `this EDT transfer is for ${transfer.schoolYear}, the base is ${target.schoolYear}`, {
      field: 'transfer.schoolYear',
      transferYear: transfer.schoolYear,
      baseYear: target.schoolYear,
    });
  }
  for (const kind of EDT_RESOURCE_KINDS) {
    const seen = new Set<string>();
    for (const resource of transfer.resources[kind]) {
      if (seen.has(resource.code)) {
        throw new DomainError(EdtErrorCode.EDT_RESOURCE_DUPLICATE, `${kind}: the code "${resource.code}" is given twice`, {
          field: `transfer.resources.${kind}`,
          kind,
          code: resource.code,
        });
      }
      seen.add(resource.code);
    }
  }
}

export function countEdtResources(transfer: EdtTransfer): EdtResourceCounts {
  return Object.fromEntries(EDT_RESOURCE_KINDS.map((kind) => [kind, transfer.resources[kind].length])) as EdtResourceCounts;
}

export function edtBaseContent(
  transfer: EdtTransfer,
  base: { uai: string; schoolYearStart: number; pronoteVersion: number; createdAt: Date },
  importedAt: Date,
): BaseFileContent {
  const statistics = new Array<number>(18).fill(0);
  const entries: BaseFileEntry[] = [];
  for (const kind of EDT_RESOURCE_KINDS) {
    statistics[STATISTIC_INDEX[kind]] = transfer.resources[kind].length;
    for (const resource of transfer.resources[kind]) {
      entries.push({ at: importedAt, statisticIndex: STATISTIC_INDEX[kind], delta: 1, text: `EDT ${kind} ${resource.code} ${resource.name}` });
    }
  }
  return { ...base, lastEntryAt: importedAt, statistics, entries };
}
