import { type DynamicModule, Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@pronote/observability';
import { type ObjectStore, openObjectStore } from '@pronote/storage';
import type { RuntimeSimConfig } from '../config/runtime-sim.config.js';

export const OBJECT_STORE = Symbol('OBJECT_STORE');

/** The bucket holding bases, backups and archives; readiness includes reaching it. */
@Global()
@Module({})
export class StorageModule implements OnModuleInit {
  constructor(
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: Pick<RuntimeSimConfig, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET'>): DynamicModule {
    const store = openObjectStore({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      bucket: config.S3_BUCKET,
      requestTimeoutMs: 30_000,
      idleTimeoutMs: 15_000,
    });
    return { module: StorageModule, providers: [{ provide: OBJECT_STORE, useValue: store }], exports: [OBJECT_STORE] };
  }

  onModuleInit(): void {
    // Checking the bucket also creates it on a fresh endpoint: the first order then finds it.
    this.health.register({
      name: 's3',
      check: async () => {
        await this.store.ensureBucket();
        return true;
      },
    });
  }
}
