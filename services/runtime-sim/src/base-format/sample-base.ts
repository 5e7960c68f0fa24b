import { BaseFormatErrorCode, assertWritableContent, baseFormatError, parseSchoolYearLabel, type BaseContent, type BaseEntry } from './base-content.js';
import { BASE_ENTRY_FIXED_LENGTH, BASE_HEADER_LENGTH, BASE_TRAILER_LENGTH } from './base-layout.js';
import { SEED_SAMPLE_STATISTICS, zeroStatistics, type BaseStatisticKey } from './statistics.js';

export interface NewBaseOptions {
  readonly uai: string;
  readonly schoolYear: string;
  /** Defaults to the version made for that school year (2022 for 2022-2023). */
  readonly pronoteVersion?: number;
  /** Canonical ISO instant. */
  readonly createdAt: string;
}

/** A new empty base, as "Créer une base" makes it (Fiche 4): no data, nothing typed yet. */
export function emptyBase(options: NewBaseOptions): BaseContent {
  const content: BaseContent = {
    uai: options.uai,
    schoolYear: options.schoolYear,
    pronoteVersion: options.pronoteVersion ?? parseSchoolYearLabel(options.schoolYear) ?? -1,
    createdAt: options.createdAt,
    lastEntryAt: null,
    statistics: zeroStatistics(),
    entries: [],
  };
  assertWritableContent(content);
  return content;
}

export interface SampleBaseOptions extends Partial<NewBaseOptions> {
  /** Same seed, same base: tests and benchmarks can rely on it. */
  readonly seed?: number;
}

export const SMALLEST_BASE_SIZE = BASE_HEADER_LENGTH + BASE_TRAILER_LENGTH;

/**
 * A base in use, like the seed's (Fiche 9: its statistics, created 14/06/22 12:23 Paris time), whose
 * encoding is exactly `targetSize` bytes (436 KB for the seed's backups: `sampleBase(436 * 1024)`).
 * Sizes from SMALLEST_BASE_SIZE + 1 to SMALLEST_BASE_SIZE + 15 cannot hold one entry and are refused.
 */
export function sampleBase(targetSize: number, options: SampleBaseOptions = {}): BaseContent {
  let remaining = targetSize - SMALLEST_BASE_SIZE;
  if (!Number.isInteger(targetSize) || remaining < 0 || (remaining > 0 && remaining < BASE_ENTRY_FIXED_LENGTH)) {
    throw baseFormatError(
      BaseFormatErrorCode.BASE_CONTENT_INVALID,
      `targetSize: ${targetSize} bytes is not a possible base size (at least ${SMALLEST_BASE_SIZE}, ` +
        `and not ${SMALLEST_BASE_SIZE + 1} to ${SMALLEST_BASE_SIZE + BASE_ENTRY_FIXED_LENGTH - 1})`,
      { field: 'targetSize', value: targetSize },
    );
  }
  const base = emptyBase({
    uai: options.uai ?? '0750654D',
    schoolYear: options.schoolYear ?? '2022-2023',
    createdAt: options.createdAt ?? '2022-06-14T10:23:00.000Z',
    ...(options.pronoteVersion === undefined ? {} : { pronoteVersion: options.pronoteVersion }),
  });
  const random = mulberry32(options.seed ?? 2022);
  const entries: BaseEntry[] = [];
  let atMs = Date.parse(base.createdAt);
  while (remaining > 0) {
    atMs += Math.floor(random() * 120_000);
    const statistic = SAMPLE_STATISTICS[Math.floor(random() * SAMPLE_STATISTICS.length)]!;
    let text = sampleText(statistic, random);
    const size = BASE_ENTRY_FIXED_LENGTH + Buffer.byteLength(text, 'utf8');
    const leftAfter = remaining - size;
    if (leftAfter < 0 || (leftAfter > 0 && leftAfter < BASE_ENTRY_FIXED_LENGTH)) {
      // Last entry: its text takes exactly the bytes left, in ASCII so bytes and characters agree.
      const textBytes = remaining - BASE_ENTRY_FIXED_LENGTH;
      text = 'Saisie en cours'.padEnd(textBytes, '.').slice(0, textBytes);
    }
    entries.push({ at: new Date(atMs).toISOString(), statistic, delta: 1, text });
    remaining -= BASE_ENTRY_FIXED_LENGTH + Buffer.byteLength(text, 'utf8');
  }
  return {
    ...base,
    statistics: { ...SEED_SAMPLE_STATISTICS },
    lastEntryAt: entries.length > 0 ? entries.at(-1)!.at : null,
    entries,
  };
}

const SAMPLE_STATISTICS: readonly BaseStatisticKey[] = ['notes', 'absences', 'retards', 'cahiersDeTextes', 'appreciations', 'suivis', 'devoirs', 'punitions'];
const SUBJECTS = ['Mathématiques', 'Français', 'Histoire-géographie', 'Anglais LV1', 'SVT', 'Physique-chimie', 'EPS', 'Technologie'];
const CLASSES = ['6A', '6B', '5A', '5C', '4B', '4D', '3A', '3E'];

function sampleText(statistic: BaseStatisticKey, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const hour = 8 + Math.floor(random() * 9);
  switch (statistic) {
    case 'notes':
      return `Note ${Math.floor(random() * 21)}/20 en ${pick(SUBJECTS)}, classe ${pick(CLASSES)}`;
    case 'absences':
      return `Absence de ${hour}h00 à ${hour + 1}h00, classe ${pick(CLASSES)}`;
    case 'retards':
      return `Retard de ${5 + Math.floor(random() * 20)} min à ${hour}h00, classe ${pick(CLASSES)}`;
    case 'cahiersDeTextes':
      return `Cahier de textes ${pick(CLASSES)}, ${pick(SUBJECTS)} : exercices p. ${10 + Math.floor(random() * 200)}`;
    case 'appreciations':
      return `Appréciation en ${pick(SUBJECTS)} : ensemble satisfaisant, à poursuivre.`;
    case 'devoirs':
      return `Devoir pour le ${1 + Math.floor(random() * 28)}/06 en ${pick(SUBJECTS)}`;
    case 'punitions':
      return `Punition : retenue ${pick(['mercredi', 'vendredi'])} ${hour}h00`;
    default:
      return `Suivi ${pick(CLASSES)} : entretien avec la famille`;
  }
}

/** Small seeded PRNG (public domain); Math.random would make samples differ between runs. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
