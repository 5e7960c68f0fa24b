import { BaseFormatErrorCode, baseFormatError, canonicalInstantToMs, entryProblem, type BaseContent, type BaseEntry } from './base-content.js';
import { MAX_STATISTIC_VALUE } from './statistics.js';

/**
 * The simulator's "users type things": appends the entries, moves their counters and sets
 * "Dernière saisie le" to the latest entry. Returns new content; the given one is left as it was.
 * All or nothing: one bad entry and nothing is applied.
 */
export function applyActivity(content: BaseContent, entries: readonly BaseEntry[]): BaseContent {
  const createdAtMs = canonicalInstantToMs(content.createdAt);
  const statistics = { ...content.statistics };
  let lastEntryMs = content.lastEntryAt === null ? null : canonicalInstantToMs(content.lastEntryAt);

  entries.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem) throw activityError(`entries.${index}.${problem.field}: ${problem.expected}`, index);
    const atMs = canonicalInstantToMs(entry.at)!;
    if (createdAtMs !== null && atMs < createdAtMs) {
      throw activityError(`entries.${index}.at: ${entry.at} is before the base was created (${content.createdAt})`, index);
    }
    const value = statistics[entry.statistic] + entry.delta;
    if (value < 0 || value > MAX_STATISTIC_VALUE) {
      throw activityError(
        `entries.${index}.delta: ${entry.statistic} would become ${value}, outside 0..${MAX_STATISTIC_VALUE}`,
        index,
      );
    }
    statistics[entry.statistic] = value;
    lastEntryMs = lastEntryMs === null ? atMs : Math.max(lastEntryMs, atMs);
  });

  return {
    ...content,
    statistics,
    lastEntryAt: lastEntryMs === null ? null : new Date(lastEntryMs).toISOString(),
    entries: [...content.entries, ...entries.map((entry) => ({ ...entry }))],
  };
}

function activityError(message: string, entryIndex: number) {
  return baseFormatError(BaseFormatErrorCode.BASE_ACTIVITY_INVALID, message, { entryIndex });
}
