import { BackupsErrorCodes, DomainError } from '@pronote/contracts';

export class BaseNotKnownError extends DomainError {
  constructor(ref: { baseId?: string; uai?: string }) {
    super(BackupsErrorCodes.BASE_NOT_FOUND, 'no base of this school is known to the backups service', ref);
  }
}

/** The stored object did not read back as the runtime described it: the run is retried. */
export class SnapshotMismatchError extends DomainError {
  constructor(details: { key: string; expected: { size: number; sha256: string }; actual: { size: number; sha256: string } }) {
    super(BackupsErrorCodes.CHECKSUM_MISMATCH, `the object ${details.key} does not match what the runtime reported`, details);
  }
}

/** S3 did not answer: nothing was written, the run is retried with backoff. */
export class StorageUnavailableError extends DomainError {
  constructor(reason: string) {
    super(BackupsErrorCodes.STORAGE_UNAVAILABLE, `object storage unreachable: ${reason}`, {});
  }
}
