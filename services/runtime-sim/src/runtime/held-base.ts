import type { BaseStatisticsView, RuntimeStatus } from '@pronote/contracts';
import { createHash } from 'node:crypto';
import type { BaseContent } from '../base-format/base-content.js';

export type RuntimeState = 'stopped' | 'in_service';

/** The base a school's runtime holds: its encoded bytes (served, snapshotted and stopped unchanged) and header fields. */
export interface HeldBase {
  readonly uai: string;
  readonly baseId: string;
  readonly state: RuntimeState;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly statistics: BaseStatisticsView;
  readonly createdAt: string;
  readonly lastEntryAt: string | null;
}

/**
 * `bytes` must be the encoding of `content` (both at hand after a decode or an encode); `sha256` is
 * theirs when it was just verified (bytes read from S3 against their recorded checksum), else computed.
 */
export function heldBase(uai: string, baseId: string, state: RuntimeState, bytes: Buffer, content: BaseContent, sha256?: string): HeldBase {
  return {
    uai,
    baseId,
    state,
    bytes,
    sha256: sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    statistics: { ...content.statistics },
    createdAt: content.createdAt,
    lastEntryAt: content.lastEntryAt,
  };
}

export function statusOf(uai: string, held: HeldBase | null, connections: number): RuntimeStatus {
  if (!held) return { uai, baseId: null, state: 'stopped', createdAt: null, lastEntryAt: null, statistics: null, connections: 0 };
  return {
    uai,
    baseId: held.baseId,
    state: held.state,
    createdAt: held.createdAt,
    lastEntryAt: held.lastEntryAt,
    statistics: held.statistics,
    connections,
  };
}
