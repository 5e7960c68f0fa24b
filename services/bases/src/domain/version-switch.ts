import { DomainError } from '@pronote/contracts';
import { z } from 'zod';
import { calendarDate, parseCalendarDate, type CalendarDate } from './calendar-date.js';
import { VERSION_SWITCH_BOUNDARY, compareSchoolYears, parseSchoolYear, type SchoolYear } from './school-year.js';

/**
 * The yearly PRONOTE version campaign (seed, Fiche 3): the pre-version opens early July and may be
 * requested from the console; around 20 August every school is switched, and the base in service
 * decides what happens to the school.
 */

export const VersionSwitchErrorCode = {
  VERSION_CATALOGUE_INVALID: 'VERSION_CATALOGUE_INVALID',
  VERSION_UNKNOWN: 'VERSION_UNKNOWN',
  PRE_VERSION_NOT_YET_OPEN: 'PRE_VERSION_NOT_YET_OPEN',
  PRE_VERSION_WINDOW_CLOSED: 'PRE_VERSION_WINDOW_CLOSED',
} as const;

export interface VersionRelease {
  /** 2022 for PRONOTE 2022. */
  readonly version: number;
  /** First day the pre-version may be requested (included). */
  readonly preVersionOpensOn: CalendarDate;
  /** Day of the automatic switch; pre-version requests close the day before. */
  readonly switchOn: CalendarDate;
  /** The school year the version is made for: "2022-2023" for 2022. */
  readonly schoolYear: string;
}

/** Sorted by version, one entry per version, each checked by `createVersionCatalogue`. */
export type VersionCatalogue = readonly VersionRelease[];

const calendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const versionReleaseSchema = z.strictObject({
  version: z.int().min(2000).max(2099),
  preVersionOpensOn: calendarDateSchema,
  switchOn: calendarDateSchema,
  schoolYear: z.string(),
});

/**
 * The seed's calendar for a version: pre-version "début juillet" (we take 1 July) and switch "autour du
 * 20 août" (20 August), for the school year starting that autumn.
 */
export function defaultRelease(version: number): VersionRelease {
  return checkRelease({
    version,
    preVersionOpensOn: calendarDate(version, 7, 1),
    switchOn: calendarDate(version, VERSION_SWITCH_BOUNDARY.month, VERSION_SWITCH_BOUNDARY.day),
    schoolYear: `${version}-${version + 1}`,
  });
}

export function createVersionCatalogue(releases: readonly unknown[]): VersionCatalogue {
  const checked = releases.map((release) => {
    const parsed = versionReleaseSchema.safeParse(release);
    if (!parsed.success) {
      const field = parsed.error.issues[0]!.path.map(String).join('.') || 'release';
      throw catalogueError(`${field}: ${parsed.error.issues[0]!.message}`, { field });
    }
    return checkRelease(parsed.data);
  });
  const sorted = [...checked].sort((a, b) => a.version - b.version);
  for (let index = 1; index < sorted.length; index++) {
    if (sorted[index]!.version === sorted[index - 1]!.version) {
      throw catalogueError(`version: ${sorted[index]!.version} is listed twice`, { field: 'version' });
    }
  }
  return sorted;
}

export function findRelease(catalogue: VersionCatalogue, version: number): VersionRelease {
  const release = catalogue.find((candidate) => candidate.version === version);
  if (!release) {
    throw new DomainError(VersionSwitchErrorCode.VERSION_UNKNOWN, `version: PRONOTE ${version} is not in the catalogue`, {
      field: 'version',
      value: version,
    });
  }
  return release;
}

/** The latest version whose switch day has come, or null before the first one. */
export function versionInForce(catalogue: VersionCatalogue, today: CalendarDate): VersionRelease | null {
  parseCalendarDate(today, 'today');
  return catalogue.filter((release) => release.switchOn <= today).at(-1) ?? null;
}

/** The switch runs on its day and, if missed, any day after. */
export function isSwitchDue(release: VersionRelease, today: CalendarDate): boolean {
  parseCalendarDate(today, 'today');
  return today >= release.switchOn;
}

export interface SchoolAtSwitch {
  /** School year of the base in service, or null when the service is stopped. */
  readonly baseInService: SchoolYear | null;
  /** Whether the school already has a base of the release's school year (created or loaded, in service or not). */
  readonly newYearBaseExists: boolean;
}

export type SwitchDecision =
  /** Fiche 3: the base in service is of an earlier year; a new empty base replaces it in service. */
  | { readonly kind: 'create-and-start-new'; readonly newBaseYear: string; readonly replacedYear: string }
  /**
   * Fiche 4 creates the new base only if the school has not made one: the school prepared its base
   * for the new year (e.g. initialised from EDT in July) but still serves last year's, so we serve its own.
   */
  | { readonly kind: 'start-existing-new'; readonly newBaseYear: string; readonly replacedYear: string }
  /** Fiche 3: the base in service is already of the new year (or later): it is kept. */
  | { readonly kind: 'keep'; readonly baseYear: string }
  /**
   * Nothing in service: the manager stopped the service, usually in the middle of loading a base or
   * opening a backup, which both end with "vous devez la mettre en service" (Fiches 8, 9). Starting a
   * base behind their back could serve an empty base to users and cut across that work, and a first
   * start needs the SPR password that only the manager can set (Fiche 4). So the new empty base is
   * created (unless one exists) and left stopped for the manager to start.
   */
  | { readonly kind: 'nothing-in-service'; readonly newBaseYear: string; readonly createEmptyBase: boolean };

export function decideVersionSwitch(release: VersionRelease, school: SchoolAtSwitch): SwitchDecision {
  const newYear = parseSchoolYear(release.schoolYear);
  const { baseInService, newYearBaseExists } = school;
  if (baseInService === null) {
    return { kind: 'nothing-in-service', newBaseYear: newYear.label, createEmptyBase: !newYearBaseExists };
  }
  if (compareSchoolYears(baseInService, newYear) >= 0) {
    return { kind: 'keep', baseYear: baseInService.label };
  }
  return {
    kind: newYearBaseExists ? 'start-existing-new' : 'create-and-start-new',
    newBaseYear: newYear.label,
    replacedYear: baseInService.label,
  };
}

/** Early requests are accepted from `preVersionOpensOn` (included) to `switchOn` (excluded): on that day everyone switches. */
export function isPreVersionRequestOpen(release: VersionRelease, today: CalendarDate): boolean {
  parseCalendarDate(today, 'today');
  return today >= release.preVersionOpensOn && today < release.switchOn;
}

export function assertPreVersionRequestAllowed(release: VersionRelease, today: CalendarDate): void {
  if (isPreVersionRequestOpen(release, today)) return;
  const details = { version: release.version, today, preVersionOpensOn: release.preVersionOpensOn, switchOn: release.switchOn };
  if (today < release.preVersionOpensOn) {
    throw new DomainError(
      VersionSwitchErrorCode.PRE_VERSION_NOT_YET_OPEN,
      `the PRONOTE ${release.version} pre-version can be requested from ${release.preVersionOpensOn}`,
      details,
    );
  }
  throw new DomainError(
    VersionSwitchErrorCode.PRE_VERSION_WINDOW_CLOSED,
    `the PRONOTE ${release.version} pre-version could be requested until the day before the switch (${release.switchOn})`,
    details,
  );
}

function checkRelease(release: VersionRelease): VersionRelease {
  parseDate(release.preVersionOpensOn, 'preVersionOpensOn');
  const switchOn = parseDate(release.switchOn, 'switchOn');
  let schoolYear: SchoolYear;
  try {
    schoolYear = parseSchoolYear(release.schoolYear);
  } catch (error) {
    throw catalogueError(`schoolYear: ${(error as Error).message}`, { field: 'schoolYear' });
  }
  if (schoolYear.startYear !== release.version) {
    throw catalogueError(`schoolYear: PRONOTE ${release.version} is for ${release.version}-${release.version + 1}, not ${schoolYear.label}`, {
      field: 'schoolYear',
    });
  }
  if (switchOn.year !== release.version) {
    throw catalogueError(`switchOn: PRONOTE ${release.version} switches in ${release.version}, not on ${release.switchOn}`, {
      field: 'switchOn',
    });
  }
  if (release.preVersionOpensOn >= release.switchOn) {
    throw catalogueError(`preVersionOpensOn: must be before switchOn (${release.switchOn})`, { field: 'preVersionOpensOn' });
  }
  return { ...release, schoolYear: schoolYear.label };
}

function parseDate(value: string, field: string) {
  try {
    return parseCalendarDate(value, field);
  } catch (error) {
    throw catalogueError((error as Error).message, { field });
  }
}

function catalogueError(message: string, details: { field: string }): DomainError {
  return new DomainError(VersionSwitchErrorCode.VERSION_CATALOGUE_INVALID, message, details);
}
