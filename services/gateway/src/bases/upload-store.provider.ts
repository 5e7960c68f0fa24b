import { type ObjectStore, openObjectStore } from '@pronote/storage';
import { loadUploadStoreConfig } from './config/upload-store.config.js';

export const UPLOAD_STORE = Symbol('UPLOAD_STORE');

/** Built lazily: a gateway without S3 settings still serves every other route. */
export function uploadStoreProvider() {
  return {
    provide: UPLOAD_STORE,
    useFactory: (): ObjectStore => {
      const config = loadUploadStoreConfig();
      return openObjectStore({
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION,
        accessKey: config.S3_ACCESS_KEY,
        secretKey: config.S3_SECRET_KEY,
        bucket: config.S3_BUCKET,
      });
    },
  };
}
