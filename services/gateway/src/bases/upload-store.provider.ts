import { ObjectStore, createS3Client } from '@pronote/storage';
import { loadUploadStoreConfig } from './config/upload-store.config.js';

export const UPLOAD_STORE = Symbol('UPLOAD_STORE');

/** Built lazily: a gateway without S3 settings still serves every other route. */
export function uploadStoreProvider() {
  return {
    provide: UPLOAD_STORE,
    useFactory: (): ObjectStore => {
      const config = loadUploadStoreConfig();
      const url = new URL(config.S3_ENDPOINT);
      const client = createS3Client({
        endPoint: url.hostname,
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
        useSSL: url.protocol === 'https:',
        accessKey: config.S3_ACCESS_KEY,
        secretKey: config.S3_SECRET_KEY,
        region: config.S3_REGION,
      });
      return new ObjectStore({ client, bucket: config.S3_BUCKET, region: config.S3_REGION });
    },
  };
}
