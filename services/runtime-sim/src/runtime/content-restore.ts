import { Inject, Injectable } from '@nestjs/common';
import type { StoredObject } from '@pronote/contracts';
import { type ObjectStore, type ObjectVersion, StorageError, StorageErrorCode } from '@pronote/storage';
import { ContentObjects, type ContentSink } from '../storage/content-objects.js';
import { OBJECT_STORE } from '../storage/storage.module.js';
import { ChecksumMismatchError } from './runtime.errors.js';

export interface StagedContent<T> {
  /** What the sink made of the source's bytes, read once and verified against its recorded size and sha256. */
  accepted: T;
  /** The staging object: the same version of the source, copied inside S3. */
  content: StoredObject;
}

/**
 * Brings a backup in for a restore without touching the held base: the source is read once, through
 * the caller's sink (size + sha256 checked; the runtime keeps none of the bytes, the staged object is
 * the restored base's content), while S3 copies it to the staging key, so the copy costs no second
 * read and no upload. The copy is conditional on the ETag of the GET being read, so
 * the staging object is exactly the version verified, or nothing: on any failure the staging key is
 * emptied before the error is answered.
 */
@Injectable()
export class ContentRestore {
  constructor(
    private readonly objects: ContentObjects,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async stage<T>(source: StoredObject, stagingKey: string, sink: ContentSink<T>): Promise<StagedContent<T>> {
    const { version, result } = await this.objects.openVerified(source, sink);
    const [read, copy] = await Promise.allSettled([result, this.copyVersion(source, version, stagingKey)]);
    if (read.status === 'fulfilled' && copy.status === 'fulfilled') {
      return { accepted: read.value, content: { key: stagingKey, size: source.size, sha256: source.sha256 } };
    }
    // The copy may have landed although the read failed: unverified bytes must not stay. The caller
    // gets the first failure (a mismatch is what marks a point corrupt), even if the removal fails.
    await this.store.remove(stagingKey).catch(() => undefined);
    throw [read, copy].find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')!.reason;
  }

  private async copyVersion(source: StoredObject, version: ObjectVersion, stagingKey: string): Promise<void> {
    try {
      await this.store.copy(source.key, stagingKey, version);
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_CHANGED) {
        throw new ChecksumMismatchError(source, { sha256: 'changed while it was read' });
      }
      throw error;
    }
  }
}
