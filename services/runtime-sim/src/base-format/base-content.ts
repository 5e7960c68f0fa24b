import { DomainError, isValidUai } from '@pronote/contracts';
import { BASE_STATISTIC_KEYS, MAX_STATISTIC_VALUE, isBaseStatisticKey, type BaseStatisticKey, type BaseStatistics } from './statistics.js';

/** What the simulator's .HNOT file holds, decoded. See FORMAT.md for the bytes. */
export interface BaseContent {
  /** The school, 7 digits + check letter. */
  readonly uai: string;
  /** "2022-2023". */
  readonly schoolYear: string;
  /** 2022 for PRONOTE 2022. */
  readonly pronoteVersion: number;
  /** Canonical ISO instant (`Date.prototype.toISOString`), millisecond precision. */
  readonly createdAt: string;
  /** "Dernière saisie le": null while nobody has typed anything. */
  readonly lastEntryAt: string | null;
  readonly statistics: BaseStatistics;
  /** What users typed, oldest first: opaque to everyone but the simulator. */
  readonly entries: readonly BaseEntry[];
}

/** One thing a user typed: it moves one counter by `delta` (an absence recorded: absences +1). */
export interface BaseEntry {
  readonly at: string;
  readonly statistic: BaseStatisticKey;
  /** Signed 32-bit. */
  readonly delta: number;
  /** At most 65 535 bytes in UTF-8. */
  readonly text: string;
}

export const BaseFormatErrorCode = {
  /** Not a simulated base, or a base whose bytes are corrupted (bad checksum, bad field). */
  BASE_FILE_INVALID: 'BASE_FILE_INVALID',
  /** The bytes stop before the end the header announces. */
  BASE_FILE_TRUNCATED: 'BASE_FILE_TRUNCATED',
  /** A base written by a format version this code does not read. */
  BASE_FORMAT_UNSUPPORTED: 'BASE_FORMAT_UNSUPPORTED',
  /** Content that cannot be written (bad UAI, non-canonical date, counter out of range, ...). */
  BASE_CONTENT_INVALID: 'BASE_CONTENT_INVALID',
  /** Activity that cannot be applied (unknown counter, counter going below zero, entry before creation). */
  BASE_ACTIVITY_INVALID: 'BASE_ACTIVITY_INVALID',
} as const;
export type BaseFormatErrorCode = (typeof BaseFormatErrorCode)[keyof typeof BaseFormatErrorCode];

/** The latest instant with a 4-digit year, so every stored instant has exactly one ISO spelling. */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const MAX_ENTRY_TEXT_BYTES = 0xffff;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;

export function baseFormatError(code: BaseFormatErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, details);
}

/** Milliseconds of a canonical ISO instant in [1970, 9999], or null: other spellings would not round-trip. */
export function canonicalInstantToMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMESTAMP_MS) return null;
  return new Date(ms).toISOString() === value ? ms : null;
}

export function parseSchoolYearLabel(value: unknown): number | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{4})$/.exec(value) : null;
  return match && Number(match[2]) === Number(match[1]) + 1 ? Number(match[1]) : null;
}

/** Throws BASE_CONTENT_INVALID naming the first field that cannot be written. */
export function assertWritableContent(content: BaseContent): void {
  const invalid = (field: string, expected: string): never => {
    throw baseFormatError(BaseFormatErrorCode.BASE_CONTENT_INVALID, `${field}: ${expected}`, { field });
  };
  if (typeof content.uai !== 'string' || !isValidUai(content.uai)) invalid('uai', 'a valid UAI (7 digits + check letter) is expected');
  if (parseSchoolYearLabel(content.schoolYear) === null) invalid('schoolYear', 'a school year such as "2022-2023" is expected');
  if (!isUint(content.pronoteVersion, 0xffff)) invalid('pronoteVersion', 'an integer from 0 to 65535 is expected');
  if (canonicalInstantToMs(content.createdAt) === null) invalid('createdAt', 'a canonical ISO instant is expected');
  if (content.lastEntryAt !== null && canonicalInstantToMs(content.lastEntryAt) === null) {
    invalid('lastEntryAt', 'null or a canonical ISO instant is expected');
  }
  const statisticKeys = Object.keys(content.statistics ?? {});
  if (statisticKeys.length !== BASE_STATISTIC_KEYS.length || !statisticKeys.every(isBaseStatisticKey)) {
    invalid('statistics', `exactly the counters ${BASE_STATISTIC_KEYS.join(', ')} are expected`);
  }
  for (const key of BASE_STATISTIC_KEYS) {
    if (!isUint(content.statistics[key], MAX_STATISTIC_VALUE)) invalid(`statistics.${key}`, 'an integer from 0 to 4294967295 is expected');
  }
  if (!Array.isArray(content.entries)) invalid('entries', 'a list is expected');
  content.entries.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem) invalid(`entries.${index}.${problem.field}`, problem.expected);
  });
}

/** What is wrong with an entry, if anything; shared by the writer and by `applyActivity`. */
export function entryProblem(entry: BaseEntry): { field: string; expected: string } | null {
  if (canonicalInstantToMs(entry?.at) === null) return { field: 'at', expected: 'a canonical ISO instant is expected' };
  if (!isBaseStatisticKey(entry.statistic)) return { field: 'statistic', expected: `one of ${BASE_STATISTIC_KEYS.join(', ')} is expected` };
  if (!Number.isInteger(entry.delta) || entry.delta < INT32_MIN || entry.delta > INT32_MAX) {
    return { field: 'delta', expected: 'a signed 32-bit integer is expected' };
  }
  if (typeof entry.text !== 'string' || Buffer.from(entry.text, 'utf8').toString('utf8') !== entry.text) {
    return { field: 'text', expected: 'well-formed Unicode text is expected' };
  }
  if (Buffer.byteLength(entry.text, 'utf8') > MAX_ENTRY_TEXT_BYTES) {
    return { field: 'text', expected: `at most ${MAX_ENTRY_TEXT_BYTES} bytes of UTF-8 are expected` };
  }
  return null;
}

function isUint(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}
