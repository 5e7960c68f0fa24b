import type { ObjectStore } from '@pronote/storage';
import {
  type ArchiveDownloadLink,
  type GetRestorePoint,
  type ListRestorePoints,
  type PreviewRestore,
  type ResponseOf,
  type TakeManualBackup,
} from '@pronote/contracts';
import { buildListing } from '../domain/naming.js';
import { domainKindOf } from '../records/restore-point.js';
import { previewRestore } from '../domain/restore-preview.js';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';
import { NotAnArchiveError } from '../restore/restore.errors.js';
import { visiblePoint } from '../restore/restore-point-lookup.js';
import type { BackupRunner } from '../runs/backup-runner.js';
import type { RuntimeClient } from '../runs/runtime-client.js';
import { BaseNotKnownError } from '../runs/runs.errors.js';
import type { ScheduledBasesRepository } from '../schedules/scheduled-bases.repository.js';

export const DOWNLOAD_LINK_EXPIRY_SECONDS = 15 * 60;

/** What the school console reads and asks on demand: listing, detail, preview, manual backup, download. */
export class ConsoleService {
  constructor(
    private readonly deps: {
      points: RestorePointsRepository;
      bases: ScheduledBasesRepository;
      store: ObjectStore;
      runtime: RuntimeClient;
      runner: BackupRunner;
    },
  ) {}

  async list(uai: string): Promise<ResponseOf<typeof ListRestorePoints>> {
    const points = await this.deps.points.listOfSchool(uai, ['complete', 'corrupt']);
    const byId = new Map(points.map((point) => [point.id, point]));
    const listing = buildListing(
      points.map((point) => ({
        id: point.id,
        kind: domainKindOf(point.kind),
        fileName: point.fileName,
        completedAt: point.completedAt!,
        sizeBytes: point.sizeBytes! + point.annexes.reduce((sum, annex) => sum + annex.sizeBytes, 0),
      })),
    );
    return {
      title: listing.title,
      rows: listing.rows.map((row) => ({ ...row, kind: byId.get(row.id)!.kind, status: byId.get(row.id)!.status as 'complete' | 'corrupt' })),
    };
  }

  async detail(uai: string, id: string): Promise<ResponseOf<typeof GetRestorePoint>> {
    const point = await visiblePoint(this.deps.points, uai, id);
    return {
      id: point.id,
      uai: point.uai,
      baseId: point.baseId,
      kind: point.kind,
      name: point.fileName,
      status: point.status as 'complete' | 'corrupt',
      slot: point.slot.toISOString(),
      completedAt: point.completedAt!.toISOString(),
      sizeBytes: point.sizeBytes!,
      sha256: point.sha256!,
      statistics: point.statistics!,
      baseCreatedAt: point.baseCreatedAt?.toISOString() ?? null,
      lastEntryAt: point.lastEntryAt?.toISOString() ?? null,
      verifiedAt: point.verifiedAt?.toISOString() ?? null,
      lastDrillAt: point.lastDrillAt?.toISOString() ?? null,
      lastDrillResult: point.lastDrillResult,
      annexes: point.annexes.map((annex) => ({ name: annex.name, sizeBytes: annex.sizeBytes })),
    };
  }

  async preview(uai: string, id: string): Promise<ResponseOf<typeof PreviewRestore>> {
    const point = await visiblePoint(this.deps.points, uai, id);
    const live = await this.deps.runtime.status(uai);
    const preview = previewRestore(
      { statistics: live.statistics!, lastEntryAt: live.lastEntryAt ? new Date(live.lastEntryAt) : null },
      { statistics: point.statistics!, lastEntryAt: point.lastEntryAt },
    );
    const lostEntries = preview.lostEntries && { after: preview.lostEntries.after?.toISOString() ?? null, upTo: preview.lostEntries.upTo.toISOString() };
    return {
      restorePointId: point.id,
      baseInService: live.state === 'in_service',
      corrupt: point.status === 'corrupt',
      changes: [...preview.changes],
      dropped: [...preview.dropped],
      lostEntries,
      identical: preview.identical,
    };
  }

  async manualBackup(uai: string): Promise<ResponseOf<typeof TakeManualBackup>> {
    const base = await this.deps.bases.currentOfSchool(uai);
    if (!base) throw new BaseNotKnownError({ uai });
    const slot = new Date(Math.floor(Date.now() / 1000) * 1000);
    const outcome = await this.deps.runner.run({ kind: 'backup', baseId: base.baseId, slot, skipIfNothingNew: false });
    if (outcome.status === 'skipped_nothing_new') throw new Error('a manual backup is never skipped');
    return { restorePointId: outcome.point.id, fileName: outcome.point.fileName, completedAt: outcome.point.completedAt!.toISOString() };
  }

  async downloadLink(uai: string, id: string): Promise<ResponseOf<typeof ArchiveDownloadLink>> {
    const point = await visiblePoint(this.deps.points, uai, id);
    if (point.kind !== 'archive') throw new NotAnArchiveError(id);
    const expiresAt = new Date(Date.now() + DOWNLOAD_LINK_EXPIRY_SECONDS * 1000).toISOString();
    const url = await this.deps.store.presignedGetUrl(point.objectKey, DOWNLOAD_LINK_EXPIRY_SECONDS);
    const annexes = await Promise.all(
      point.annexes.map(async (annex) => ({ name: annex.name, url: await this.deps.store.presignedGetUrl(annex.key, DOWNLOAD_LINK_EXPIRY_SECONDS) })),
    );
    return { url, expiresAt, annexes };
  }
}
