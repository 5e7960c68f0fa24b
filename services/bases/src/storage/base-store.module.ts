import { Global, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { ObjectStore, createS3Client } from '@pronote/storage';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';

/** The bucket holding bases content (`bases/<uai>/<baseId>/…`). */
export const BASE_STORE = Symbol('BASE_STORE');

export function objectStoreFrom(config: Pick<BasesConfig, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET'>): ObjectStore {
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
}

@Injectable()
class BucketBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(BASE_STORE) private readonly store: ObjectStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Not fatal: S3 may come up after us; the first write will tell.
    await this.store.ensureBucket().catch((error: unknown) => this.logger.warn({ err: error }, 'bucket not ready yet'));
  }
}

@Global()
@Module({
  providers: [{ provide: BASE_STORE, inject: [BASES_CONFIG], useFactory: objectStoreFrom }, BucketBootstrap],
  exports: [BASE_STORE],
})
export class BaseStoreModule {}
