import { BackupsErrorCodes, DomainError } from '@pronote/contracts';

export class RestorePointNotFoundError extends DomainError {
  constructor(uai: string, restorePointId: string) {
    super(BackupsErrorCodes.RESTORE_POINT_NOT_FOUND, 'no such backup or archive for this school', { uai, restorePointId });
  }
}

export class BaseInServiceError extends DomainError {
  constructor(uai: string, baseId: string) {
    super(BackupsErrorCodes.BASE_IN_SERVICE, 'the base is in service: confirm that it may be stopped to restore', { uai, baseId });
  }
}

export class CorruptNotAcknowledgedError extends DomainError {
  constructor(restorePointId: string) {
    super(BackupsErrorCodes.CORRUPT_NOT_ACKNOWLEDGED, 'this backup failed its integrity check: acknowledge it to open it anyway', { restorePointId });
  }
}

export class NotAnArchiveError extends DomainError {
  constructor(restorePointId: string) {
    super(BackupsErrorCodes.NOT_AN_ARCHIVE, 'only archives can be downloaded', { restorePointId });
  }
}
