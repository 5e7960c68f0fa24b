import { type Bus, sendCommand } from '@pronote/bus';
import {
  forSchool,
  RecordRestoredContent,
  type RequestOf,
  type ResponseOf,
  RuntimeRestore,
  RuntimeRestorePrepare,
  RuntimeSnapshot,
  RuntimeStats,
  StopBaseForRestore,
  type StoredObject,
} from '@pronote/contracts';

export type SnapshotReply = ResponseOf<typeof RuntimeSnapshot>;
export type RuntimeStatusReply = ResponseOf<typeof RuntimeStats>;

/**
 * The hosted runtime as the backups service uses it (runtime protocol, request/reply per school).
 * Content never travels here: the runtime reads and writes S3 objects and answers with key/size/sha256.
 */
export class RuntimeClient {
  constructor(
    private readonly bus: Bus,
    private readonly timeouts: { snapshotMs: number; restoreMs: number; queryMs: number },
  ) {}

  snapshot(uai: string, baseId: string, targetKey: string): Promise<SnapshotReply> {
    return sendCommand(this.bus, forSchool(RuntimeSnapshot, uai), { uai, baseId, targetKey }, { timeoutMs: this.timeouts.snapshotMs });
  }

  /** Restore, step 1 (the base may still be served): the runtime verifies `source` and stages it at `stagingKey`. */
  prepareRestore(uai: string, baseId: string, source: StoredObject, stagingKey: string): Promise<ResponseOf<typeof RuntimeRestorePrepare>> {
    return sendCommand(this.bus, forSchool(RuntimeRestorePrepare, uai), { uai, baseId, source, stagingKey }, { timeoutMs: this.timeouts.restoreMs });
  }

  /** Restore, step 2 (the base stopped): the runtime holds the prepared base; its content is the staging object. */
  restore(uai: string, baseId: string, preparationId: string): Promise<ResponseOf<typeof RuntimeRestore>> {
    return sendCommand(this.bus, forSchool(RuntimeRestore, uai), { uai, baseId, preparationId }, { timeoutMs: this.timeouts.restoreMs });
  }

  status(uai: string): Promise<RuntimeStatusReply> {
    return sendCommand(this.bus, forSchool(RuntimeStats, uai), { uai }, { timeoutMs: this.timeouts.queryMs });
  }

  /** Asked of `bases`, which stops the runtime and writes the history line. */
  stopForRestore(uai: string, baseId: string, actor: string): Promise<ResponseOf<typeof StopBaseForRestore>> {
    return sendCommand(this.bus, StopBaseForRestore, { uai, baseId, actor }, { timeoutMs: this.timeouts.restoreMs });
  }

  /** Tells `bases` the base's content object was replaced, so its next start verifies the new sha256. */
  recordRestoredContent(request: RequestOf<typeof RecordRestoredContent>): Promise<ResponseOf<typeof RecordRestoredContent>> {
    return sendCommand(this.bus, RecordRestoredContent, request, { timeoutMs: this.timeouts.queryMs });
  }
}
