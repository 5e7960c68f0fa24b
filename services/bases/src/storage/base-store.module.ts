import { Global, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { type ObjectStore, openObjectStore } from '@pronote/storage';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';

/** The bucket holding bases content (`bases/<uai>/<baseId>/…`). */
export const BASE_STORE = Symbol('BASE_STORE');

export function objectStoreFrom(config: Pick<BasesConfig, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET'>): ObjectStore {
  return openObjectStore({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    bucket: config.S3_BUCKET,
  });
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
