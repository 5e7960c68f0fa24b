import { nanos, StorageType, type JetStreamManager, type StreamInfo, type StreamUpdateConfig } from 'nats';
import type { Bus } from './connection.js';
import { isStreamNotFound } from './jetstream-errors.js';

export interface StreamOptions {
  name?: string;
  /** Unprefixed subjects; the bus prefix is applied. */
  subjects?: string[];
  /** Window inside which a repeated `Nats-Msg-Id` is dropped (and the PubAck says `duplicate`). */
  duplicateWindowMs?: number;
  storage?: 'file' | 'memory';
  /** Messages older than this are removed; unlimited when absent. */
  maxAgeMs?: number;
  replicas?: number;
}

export const DEFAULT_STREAM_NAME = 'HOSTING';
export const DEFAULT_STREAM_SUBJECTS = ['hosting.>'];
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;

/**
 * Creates the stream, or updates it to the given configuration, so every instance can call it at start.
 *
 * Durability: fsync is a server setting, not a stream one. nats-server fsyncs every 2 minutes by
 * default, so a whole-cluster power loss can drop acknowledged messages of that window; production
 * runs with `jetstream { sync_interval: always }` (or replicas ≥ 3, which acknowledge only after a
 * quorum holds the message).
 */
export async function ensureStream(bus: Bus, options: StreamOptions = {}): Promise<StreamInfo> {
  const nc = await bus.ready();
  const jsm = await nc.jetstreamManager();
  const name = options.name ?? DEFAULT_STREAM_NAME;
  const config: Partial<StreamUpdateConfig> = {
    subjects: (options.subjects ?? DEFAULT_STREAM_SUBJECTS).map((subject) => bus.subject(subject)),
    duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    max_age: options.maxAgeMs === undefined ? 0 : nanos(options.maxAgeMs),
    num_replicas: options.replicas ?? 1,
  };
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    const storage = options.storage === 'memory' ? StorageType.Memory : StorageType.File;
    try {
      return await jsm.streams.add({ name, storage, ...config });
    } catch (addError) {
      // Another instance created it between our info and add: fall through to update.
      if (!(await streamExists(jsm, name))) throw addError;
    }
  }
  return jsm.streams.update(name, config);
}

async function streamExists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name);
    return true;
  } catch {
    return false;
  }
}
