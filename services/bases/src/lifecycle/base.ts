import type { BaseView, StoredObject } from '@pronote/contracts';
import type { TimetableGrid } from '../domain/timetable-grid.js';

export type BaseState = 'stopped' | 'in_service';
export type BaseOrigin = 'empty' | 'upload' | 'version_switch' | 'edt';

/** A base as the service's rules see it. */
export interface Base {
  id: string;
  uai: string;
  schoolYear: string;
  name: string;
  startsOn: string;
  endsOn: string;
  pronoteVersion: number;
  grid: TimetableGrid | null;
  state: BaseState;
  origin: BaseOrigin;
  consultation: boolean;
  createdAt: Date;
  lastEntryAt: Date | null;
  content: StoredObject;
}

/** One line of "Historique": written in the transaction of the change it reports. */
export interface HistoryRecord {
  uai: string;
  baseId: string | null;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/** Bases of a year before the school's latest are kept for consultation only. */
export function isReadOnly(base: Base, schoolBases: readonly Base[]): boolean {
  return schoolBases.some((other) => other.schoolYear > base.schoolYear);
}

export function toBaseView(base: Base, schoolBases: readonly Base[]): BaseView {
  return {
    id: base.id,
    uai: base.uai,
    schoolYear: base.schoolYear,
    name: base.name,
    startsOn: base.startsOn,
    endsOn: base.endsOn,
    pronoteVersion: base.pronoteVersion,
    grid: base.grid ? { ...base.grid, workingDays: [...base.grid.workingDays] } : null,
    state: base.state,
    origin: base.origin,
    createdAt: base.createdAt.toISOString(),
    lastEntryAt: base.lastEntryAt?.toISOString() ?? null,
    content: base.content,
    readOnly: isReadOnly(base, schoolBases),
    consultation: base.consultation,
  };
}

/** The payload part every lifecycle event repeats. */
export function baseRef(base: Base) {
  return { baseId: base.id, uai: base.uai, schoolYear: base.schoolYear, name: base.name, contentKey: base.content.key };
}
