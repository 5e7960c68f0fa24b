import { type ObjectStore, openObjectStore } from '@pronote/storage';
import type { BackupsConfig } from '../config/backups.config.js';

type S3Settings = Pick<BackupsConfig, 'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_REGION' | 'S3_BUCKET'>;

/** The service's bucket; `requestTimeoutMs` short for probes, long for snapshots and restores. */
export function createObjectStore(config: S3Settings, requestTimeoutMs: number): ObjectStore {
  return openObjectStore({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    bucket: config.S3_BUCKET,
    requestTimeoutMs,
  });
}
