export { createS3Client, s3ConnectionFromUrl, type S3ConnectionOptions } from './s3-client.js';
export { openObjectStore, type ObjectStoreSettings } from './open-object-store.js';
export {
  ObjectStore,
  DEFAULT_PART_SIZE,
  MIN_PART_SIZE,
  MAX_PART_SIZE,
  MAX_PART_NUMBER,
  MAX_COPY_SIZE,
  type ObjectStoreOptions,
  type PutStreamOptions,
  type ByteRange,
  type ObjectDigest,
  type ObjectVersion,
  type ListedObject,
} from './object-store.js';
export type { StoredObject } from './stream-upload.js';
export type { UploadedPart } from './multipart-upload.js';
export { StorageError, StorageErrorCode } from './storage-error.js';
export { startEmbeddedS3, type EmbeddedS3, type EmbeddedS3Options } from './embedded-s3.js';
