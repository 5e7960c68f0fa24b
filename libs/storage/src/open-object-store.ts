import { ObjectStore, type ObjectStoreOptions } from './object-store.js';
import { createS3Client, s3ConnectionFromUrl } from './s3-client.js';

/** What every service configures for its bucket (see `s3Shape` in @pronote/config). */
export interface ObjectStoreSettings extends Pick<ObjectStoreOptions, 'requestTimeoutMs' | 'idleTimeoutMs'> {
  endpoint: string;
  region: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
}

/** One bucket on the endpoint at that URL: the way services open their object store. */
export function openObjectStore(settings: ObjectStoreSettings): ObjectStore {
  const { endpoint, region, accessKey, secretKey, bucket, ...timeouts } = settings;
  const client = createS3Client(s3ConnectionFromUrl(endpoint, { accessKey, secretKey, region }));
  return new ObjectStore({ client, bucket, region, ...timeouts });
}
