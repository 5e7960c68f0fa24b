import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';

export const REDIS = Symbol('REDIS');

/** One connection for the queues and workers of the service; BullMQ workers need maxRetriesPerRequest: null. */
@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [BASES_CONFIG], useFactory: (config: BasesConfig) => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }) },
    RedisShutdown,
  ],
  exports: [REDIS],
})
export class RedisModule {}
