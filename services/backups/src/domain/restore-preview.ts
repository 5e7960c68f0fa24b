/**
 * What opening a backup would change, for the confirmation screen: the seed's statistics (Fiche 9) of
 * the live base against those recorded with the chosen backup or archive, and the entries lost.
 */
import {
  BASE_STATISTICS,
  BASE_STATISTIC_GROUP_LABELS,
  BASE_STATISTIC_KEYS,
  type BaseStatisticGroup as StatisticGroup,
  type BaseStatisticKey,
} from '@pronote/contracts';
import { z } from 'zod';

import { BackupsDomainError, BackupsErrorCode } from './errors.js';

export { BASE_STATISTIC_KEYS, type BaseStatisticKey, type StatisticGroup };
export type BaseStatistics = Readonly<Record<BaseStatisticKey, number>>;

/** For the edges that receive statistics (runtime replies, backup records). */
export const baseStatisticsSchema = z
  .object(
    Object.fromEntries(BASE_STATISTIC_KEYS.map((key) => [key, z.number().int().min(0)])) as Record<
      BaseStatisticKey,
      z.ZodNumber
    >,
  )
  .strict();

/** "1183 élèves", "1 élève", "0 orientations" (the seed writes 0 in the plural). */
export function formatStatistic(key: BaseStatisticKey, count: number): string {
  const { singular, plural } = BASE_STATISTICS[key];
  return `${count} ${count === 1 ? singular : plural}`;
}

export interface BaseStateSummary {
  readonly statistics: BaseStatistics;
  /** "Dernière saisie le …"; null when nothing was ever entered. */
  readonly lastEntryAt: Date | null;
}

export interface StatisticChange {
  readonly key: BaseStatisticKey;
  readonly group: StatisticGroup;
  readonly live: number;
  readonly restored: number;
  /** restored − live: negative means the restore drops records. */
  readonly difference: number;
  readonly liveText: string;
  readonly restoredText: string;
}

export interface RestorePreview {
  readonly groups: ReadonlyArray<{ readonly group: StatisticGroup; readonly label: string; readonly rows: readonly StatisticChange[] }>;
  /** Rows whose count differs, in panel order. */
  readonly changes: readonly StatisticChange[];
  /** Rows the restore would lower. */
  readonly dropped: readonly StatisticChange[];
  /** Entries made in the live base after the restore point's last entry are lost; null when none are. */
  readonly lostEntries: { readonly after: Date | null; readonly upTo: Date } | null;
  readonly identical: boolean;
}

export function previewRestore(live: BaseStateSummary, restorePoint: BaseStateSummary): RestorePreview {
  const liveStatistics = parseStatistics(live.statistics, 'live');
  const restoredStatistics = parseStatistics(restorePoint.statistics, 'restorePoint');
  const rows = BASE_STATISTIC_KEYS.map((key): StatisticChange => {
    const liveCount = liveStatistics[key];
    const restoredCount = restoredStatistics[key];
    return {
      key,
      group: BASE_STATISTICS[key].group,
      live: liveCount,
      restored: restoredCount,
      difference: restoredCount - liveCount,
      liveText: formatStatistic(key, liveCount),
      restoredText: formatStatistic(key, restoredCount),
    };
  });
  const lostEntries = entriesLost(live.lastEntryAt, restorePoint.lastEntryAt);
  const changes = rows.filter((row) => row.difference !== 0);
  return {
    groups: (Object.keys(BASE_STATISTIC_GROUP_LABELS) as StatisticGroup[]).map((group) => ({
      group,
      label: BASE_STATISTIC_GROUP_LABELS[group],
      rows: rows.filter((row) => row.group === group),
    })),
    changes,
    dropped: changes.filter((row) => row.difference < 0),
    lostEntries,
    identical: changes.length === 0 && lostEntries === null,
  };
}

function entriesLost(liveLastEntryAt: Date | null, restoredLastEntryAt: Date | null): RestorePreview['lostEntries'] {
  if (liveLastEntryAt === null) return null;
  if (restoredLastEntryAt !== null && restoredLastEntryAt.getTime() >= liveLastEntryAt.getTime()) return null;
  return { after: restoredLastEntryAt, upTo: liveLastEntryAt };
}

function parseStatistics(statistics: unknown, side: 'live' | 'restorePoint'): BaseStatistics {
  const result = baseStatisticsSchema.safeParse(statistics);
  if (!result.success) {
    throw new BackupsDomainError(BackupsErrorCode.STATISTICS_INVALID, `Invalid ${side} base statistics`, {
      side,
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data as BaseStatistics;
}
