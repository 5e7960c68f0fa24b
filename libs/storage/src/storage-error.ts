export const StorageErrorCode = {
  OBJECT_NOT_FOUND: 'OBJECT_NOT_FOUND',
  OBJECT_TOO_LARGE: 'OBJECT_TOO_LARGE',
  UPLOAD_ABORTED: 'UPLOAD_ABORTED',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  /** A conditional request found another version of the object than the one it was given. */
  OBJECT_CHANGED: 'OBJECT_CHANGED',
  /** The store refused a body that did not match the checksum sent with it (nothing was replaced). */
  CHECKSUM_MISMATCH: 'CHECKSUM_MISMATCH',
} as const;
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

/** The only error this lib throws: callers and transports switch on `code`, never on minio's errors. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound']);
/** S3's and the embedded endpoint's, MinIO's for `x-amz-checksum-*`, both for a signed payload hash. */
const CHECKSUM_MISMATCH_CODES = new Set(['BadDigest', 'XAmzContentChecksumMismatch', 'XAmzContentSHA256Mismatch']);

/** Maps whatever minio or the network threw to a StorageError, keeping the original as `cause`. */
export function toStorageError(error: unknown, context: { bucket: string; key?: string; operation: string }): StorageError {
  if (error instanceof StorageError) return error;
  const s3Code = errorCodeOf(error);
  const details = { ...context, s3Code };
  if (s3Code !== undefined && NOT_FOUND_CODES.has(s3Code)) {
    return new StorageError(StorageErrorCode.OBJECT_NOT_FOUND, `No object "${context.key}" in bucket "${context.bucket}"`, details, { cause: error });
  }
  if (s3Code === 'PreconditionFailed') {
    return new StorageError(StorageErrorCode.OBJECT_CHANGED, `"${context.key}": the source object changed since it was read`, details, { cause: error });
  }
  if (s3Code !== undefined && CHECKSUM_MISMATCH_CODES.has(s3Code)) {
    return new StorageError(StorageErrorCode.CHECKSUM_MISMATCH, `"${context.key}": the store received other bytes than their checksum says`, details, { cause: error });
  }
  if (s3Code === 'NoSuchUpload') {
    return new StorageError(StorageErrorCode.UPLOAD_ABORTED, `The multipart upload of "${context.key}" no longer exists`, details, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StorageError(StorageErrorCode.STORAGE_UNAVAILABLE, `Storage ${context.operation} failed: ${reason}`, details, { cause: error });
}

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
