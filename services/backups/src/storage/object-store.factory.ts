import { createS3Client, ObjectStore } from '@pronote/storage';
import type { BackupsConfig } from '../config/backups.config.js';

type S3Settings = Pick<BackupsConfig, 'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_REGION' | 'S3_BUCKET'>;

/** The service's bucket; `requestTimeoutMs` short for probes, long for snapshots and restores. */
export function createObjectStore(config: S3Settings, requestTimeoutMs: number): ObjectStore {
  const url = new URL(config.S3_ENDPOINT);
  const useSSL = url.protocol === 'https:';
  return new ObjectStore({
    client: createS3Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
    }),
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    requestTimeoutMs,
  });
}
