import { Inject, Injectable } from '@nestjs/common';
import type { StoredObject } from '@pronote/contracts';
import { type ObjectStore, StorageError, StorageErrorCode } from '@pronote/storage';
import { ContentObjects } from '../storage/content-objects.js';
import { OBJECT_STORE } from '../storage/storage.module.js';
import { ChecksumMismatchError, ContentNotFoundError } from './runtime.errors.js';

export interface RestoredBytes {
  /** The source's bytes, read once and verified against its recorded size and sha256. */
  bytes: Buffer;
  /** The base's content object, now the same bytes as the source. */
  content: StoredObject;
}

/**
 * Loads a backup into a base: the source is read once (size + sha256 checked, the runtime holds the
 * bytes), then copied server-side to the base's content key instead of uploading the same bytes back.
 * The copy is conditional on the source's ETag seen before the read, so the content key receives
 * exactly the version that was verified, or nothing.
 */
@Injectable()
export class ContentRestore {
  constructor(
    private readonly objects: ContentObjects,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async load(source: StoredObject, contentKey: string): Promise<RestoredBytes> {
    const version = await this.store.describe(source.key);
    if (version === null) throw new ContentNotFoundError(source.key);
    if (version.size !== source.size) throw new ChecksumMismatchError(source, { size: version.size });
    const bytes = await this.objects.readVerified(source);
    return { bytes, content: await this.copyVerified(source, version, contentKey) };
  }

  private async copyVerified(source: StoredObject, version: { size: number; etag: string }, contentKey: string): Promise<StoredObject> {
    try {
      await this.store.copy(source.key, contentKey, version);
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_CHANGED) {
        throw new ChecksumMismatchError(source, { sha256: 'changed after it was verified' });
      }
      throw error;
    }
    return { key: contentKey, size: source.size, sha256: source.sha256 };
  }
}
