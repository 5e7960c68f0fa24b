/**
 * The statistics the console shows for a base, a backup or an archive (seed, Fiche 9), grouped as
 * there. The order of `BASE_STATISTIC_KEYS` (in @pronote/contracts) is the order in the file format:
 * never reorder, only append (with a new format version).
 */
import {
  BASE_STATISTICS,
  BASE_STATISTIC_GROUP_LABELS,
  BASE_STATISTIC_KEYS,
  type BaseStatisticGroup,
  type BaseStatisticKey,
  SEED_SAMPLE_STATISTICS,
} from '@pronote/contracts';

/** One vocabulary for the file format, the protocol and the console: the contracts' (same order). */
export { BASE_STATISTIC_KEYS, SEED_SAMPLE_STATISTICS, type BaseStatisticKey };
export type BaseStatistics = Record<BaseStatisticKey, number>;

/** Plural labels as the console prints them after the number ("1183 élèves"). */
export const BASE_STATISTIC_LABELS: Readonly<Record<BaseStatisticKey, string>> = Object.fromEntries(
  BASE_STATISTIC_KEYS.map((key) => [key, BASE_STATISTICS[key].plural]),
) as Record<BaseStatisticKey, string>;

export const BASE_STATISTIC_GROUPS: ReadonlyArray<{ readonly label: string; readonly keys: readonly BaseStatisticKey[] }> = (
  Object.keys(BASE_STATISTIC_GROUP_LABELS) as BaseStatisticGroup[]
).map((group) => ({ label: BASE_STATISTIC_GROUP_LABELS[group], keys: BASE_STATISTIC_KEYS.filter((key) => BASE_STATISTICS[key].group === group) }));

/** Counters are stored as unsigned 32-bit integers. */
export const MAX_STATISTIC_VALUE = 0xffff_ffff;

export function zeroStatistics(): BaseStatistics {
  return Object.fromEntries(BASE_STATISTIC_KEYS.map((key) => [key, 0])) as BaseStatistics;
}

export function isBaseStatisticKey(value: unknown): value is BaseStatisticKey {
  return typeof value === 'string' && (BASE_STATISTIC_KEYS as readonly string[]).includes(value);
}
