import { randomBytes } from 'node:crypto';

/** A short lower-case id, safe in Postgres schema names, NATS subjects, stream names and Redis keys. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Everything one test file needs to stay out of the way of the others. */
export interface Isolation {
  id: string;
  /** Postgres schema prefix: one schema per service under test is `<id>_<service>`. */
  schemaPrefix: string;
  /** NATS subject prefix and JetStream stream name. */
  subjectPrefix: string;
  stream: string;
  /** Redis key prefix (BullMQ `prefix`). */
  redisPrefix: string;
  /** S3 bucket name (3-63 chars, lower case, no underscore). */
  bucket: string;
}

export function isolation(): Isolation {
  const id = uniqueId('t');
  return {
    id,
    schemaPrefix: id,
    subjectPrefix: id,
    stream: `HOSTING_${id.toUpperCase()}`,
    redisPrefix: `${id}:bull`,
    bucket: id.replace(/_/g, '-'),
  };
}
