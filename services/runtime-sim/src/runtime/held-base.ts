import type { BaseStatisticsView, RuntimeStatus, StoredObject } from '@pronote/contracts';
import { createHash } from 'node:crypto';
import type { BaseContent } from '../base-format/base-content.js';

export type RuntimeState = 'stopped' | 'in_service';

/**
 * Where a held base's encoded bytes are. A served base is loaded (entries typed change it); a stopped
 * or restored one is a file in S3, as on a real host's disk: the runtime does not keep hundreds of MB
 * in memory for a base nobody uses, and `start` reads (and verifies) it again anyway.
 */
export type HeldData = { readonly kind: 'loaded'; readonly bytes: Buffer; readonly sha256: string } | { readonly kind: 'stored'; readonly object: StoredObject };

/** What `stats` tells of a held base, read without its bytes. */
export interface HeldHeader {
  readonly uai: string;
  readonly baseId: string;
  readonly state: RuntimeState;
  readonly statistics: BaseStatisticsView;
  readonly createdAt: string;
  readonly lastEntryAt: string | null;
}

/** The base a school's runtime holds: where its bytes are, and its header fields. */
export interface HeldBase extends HeldHeader {
  readonly data: HeldData;
}

/** What a held base keeps of its decoded header. */
export type BaseHeaderFields = Pick<BaseContent, 'statistics' | 'createdAt' | 'lastEntryAt'>;

/**
 * A served base: `bytes` must be the encoding of `content` (both at hand after a decode or an encode);
 * `sha256` is theirs when it was just verified (bytes read from S3 against their recorded checksum),
 * else computed.
 */
export function servedBase(uai: string, baseId: string, bytes: Buffer, content: BaseHeaderFields, sha256?: string): HeldBase {
  const data: HeldData = { kind: 'loaded', bytes, sha256: sha256 ?? createHash('sha256').update(bytes).digest('hex') };
  return { uai, baseId, state: 'in_service', data, ...headerOf(content) };
}

/** A stopped base whose bytes are `object` in S3 (verified against `header`'s file when it was read). */
export function storedBase(uai: string, baseId: string, object: StoredObject, header: BaseHeaderFields): HeldBase {
  return { uai, baseId, state: 'stopped', data: { kind: 'stored', object: { ...object } }, ...headerOf(header) };
}

function headerOf(content: BaseHeaderFields): Pick<HeldBase, 'statistics' | 'createdAt' | 'lastEntryAt'> {
  return { statistics: { ...content.statistics }, createdAt: content.createdAt, lastEntryAt: content.lastEntryAt };
}

export function statusOf(uai: string, held: HeldHeader | null, connections: number): RuntimeStatus {
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
