import type { BaseStatisticsView, RestorePointKindView } from '@pronote/contracts';
import type { RestorePointKind } from '../domain/retention.js';

export type RestorePointStatus = 'pending' | 'complete' | 'failed' | 'corrupt' | 'pruning';

export interface AnnexObject {
  readonly name: string;
  readonly key: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** A backup, archive or safety backup as the service's rules see it (plain data, no Prisma types). */
export interface RestorePoint {
  readonly id: string;
  readonly uai: string;
  readonly baseId: string;
  readonly kind: RestorePointKindView;
  readonly slot: Date;
  readonly status: RestorePointStatus;
  readonly fileName: string;
  readonly objectKey: string;
  readonly sizeBytes: number | null;
  readonly sha256: string | null;
  readonly statistics: BaseStatisticsView | null;
  readonly baseCreatedAt: Date | null;
  readonly lastEntryAt: Date | null;
  readonly rotationIndex: number | null;
  readonly annexes: readonly AnnexObject[];
  readonly attempts: number;
  readonly lastError: string | null;
  readonly completedAt: Date | null;
  readonly verifiedAt: Date | null;
  readonly lastDrillAt: Date | null;
  readonly lastDrillResult: 'match' | 'mismatch' | 'error' | null;
}

/** Records store `safety`; the domain rules call the same thing `pre_restore`. */
export function domainKindOf(kind: RestorePointKindView): RestorePointKind {
  return kind === 'safety' ? 'pre_restore' : kind;
}

/** Every object a restore point owns: the base snapshot and, for archives, the annex copies. */
export function objectKeysOf(point: RestorePoint): string[] {
  return [point.objectKey, ...point.annexes.map((annex) => annex.key)];
}
