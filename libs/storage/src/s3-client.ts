import { Client } from 'minio';

export interface S3ConnectionOptions {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  region: string;
}

/** A minio client with path-style addressing, which both MinIO and the embedded s3rver expect. */
export function createS3Client(options: S3ConnectionOptions): Client {
  return new Client({
    endPoint: options.endPoint,
    port: options.port,
    useSSL: options.useSSL,
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    // A fixed region spares a GetBucketLocation round trip per bucket, and lets presigning stay offline.
    region: options.region,
    pathStyle: true,
  });
}

/** Connection options from an endpoint URL as operators configure it (`http://minio:9000`). */
export function s3ConnectionFromUrl(endpoint: string, credentials: { accessKey: string; secretKey: string; region: string }): S3ConnectionOptions {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return { endPoint: url.hostname, port: url.port ? Number(url.port) : useSSL ? 443 : 80, useSSL, ...credentials };
}
