import { Redis } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` on workers' connections (blocking commands). */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
