import type { RestorePoint } from '../records/restore-point.js';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';
import { RestorePointNotFoundError } from './restore.errors.js';

/** A point the school may see: its own, complete or flagged corrupt (pending/failed/pruning never are). */
export async function visiblePoint(points: RestorePointsRepository, uai: string, id: string): Promise<RestorePoint> {
  const point = await points.findById(id);
  if (!point || point.uai !== uai || (point.status !== 'complete' && point.status !== 'corrupt')) {
    throw new RestorePointNotFoundError(uai, id);
  }
  return point;
}
