import { type ConfigOf, env, loadConfig, s3Shape } from '@pronote/config';

/** The S3 endpoint the gateway streams base uploads to (the bucket of the bases service). */
export const uploadStoreConfigShape = {
  ...s3Shape,
  UPLOAD_PART_MAX_BYTES: env.int('largest part of a resumable upload the gateway accepts (bases decides the part size)', 5 * 1024 * 1024).default(64 * 1024 * 1024),
};

export type UploadStoreConfig = ConfigOf<typeof uploadStoreConfigShape>;

export function loadUploadStoreConfig(source: NodeJS.ProcessEnv = process.env): UploadStoreConfig {
  return loadConfig(uploadStoreConfigShape, source);
}
