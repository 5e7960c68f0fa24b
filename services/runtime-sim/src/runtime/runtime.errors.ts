import { DomainError, RuntimeErrorCode, type StoredObject } from '@pronote/contracts';

export class BaseNotLoadedError extends DomainError {
  constructor(uai: string, baseId: string | null) {
    super(RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED, `the runtime of ${uai} does not hold the base ${baseId ?? '(none)'}`, { uai, baseId });
  }
}

export class AlreadyRunningError extends DomainError {
  constructor(uai: string, runningBaseId: string) {
    super(RuntimeErrorCode.RUNTIME_ALREADY_RUNNING, `the runtime of ${uai} already serves another base (${runningBaseId}): stop it first`, {
      uai,
      runningBaseId,
    });
  }
}

export class NotStoppedError extends DomainError {
  constructor(uai: string) {
    super(RuntimeErrorCode.RUNTIME_NOT_STOPPED, `the runtime of ${uai} is in service: stop it before restoring`, { uai });
  }
}

export class NotInServiceError extends DomainError {
  constructor(uai: string) {
    super(RuntimeErrorCode.RUNTIME_NOT_IN_SERVICE, `the runtime of ${uai} serves no base: nobody can connect or type`, { uai });
  }
}

export class ContentInvalidError extends DomainError {
  constructor(key: string, reason: string, details: Record<string, unknown> = {}) {
    super(RuntimeErrorCode.RUNTIME_CONTENT_INVALID, `the object ${key} is not a usable base: ${reason}`, { key, ...details });
  }
}

export class ContentNotFoundError extends DomainError {
  constructor(key: string) {
    super(RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND, `no object ${key}`, { key });
  }
}

export class ChecksumMismatchError extends DomainError {
  constructor(expected: StoredObject, found: { size?: number | string; sha256?: string }) {
    super(RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH, `the object ${expected.key} is not the one recorded (size or sha256 differ)`, {
      key: expected.key,
      expected: { size: expected.size, sha256: expected.sha256 },
      found,
    });
  }
}

export class ConnectionNotFoundError extends DomainError {
  constructor(uai: string, connectionId: string) {
    super(RuntimeErrorCode.RUNTIME_CONNECTION_NOT_FOUND, `no connection ${connectionId} to the runtime of ${uai}`, { uai, connectionId });
  }
}

export class RestoreNotPreparedError extends DomainError {
  constructor(uai: string, preparationId: string) {
    super(
      RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED,
      `the runtime of ${uai} holds no restore preparation ${preparationId} (expired, replaced or lost at a restart): prepare it again`,
      { uai, preparationId },
    );
  }
}
