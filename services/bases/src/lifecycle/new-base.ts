import type { StoredObject } from '@pronote/contracts';
import { baseDisplayName, parseSchoolYear, schoolYearDates } from '../domain/school-year.js';
import type { TimetableGrid } from '../domain/timetable-grid.js';
import type { Base, BaseOrigin } from './base.js';

export interface NewBaseInput {
  id: string;
  uai: string;
  schoolYear: string;
  pronoteVersion: number;
  grid: TimetableGrid | null;
  origin: BaseOrigin;
  content: StoredObject;
  createdAt: Date;
  lastEntryAt?: Date | null;
}

/** A base as it is created (empty, uploaded, from the switch): stopped, named after its year. */
export function newBase(input: NewBaseInput): Base {
  const year = parseSchoolYear(input.schoolYear);
  const { startsOn, endsOn } = schoolYearDates(year);
  return {
    id: input.id,
    uai: input.uai,
    schoolYear: year.label,
    name: baseDisplayName(year),
    startsOn,
    endsOn,
    pronoteVersion: input.pronoteVersion,
    grid: input.grid,
    state: 'stopped',
    origin: input.origin,
    consultation: false,
    createdAt: input.createdAt,
    lastEntryAt: input.lastEntryAt ?? null,
    content: input.content,
  };
}
