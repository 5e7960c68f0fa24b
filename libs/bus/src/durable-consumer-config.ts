import { AckPolicy, DeliverPolicy, nanos, type ConsumerUpdateConfig, type NatsConnection } from 'nats';
import { isConsumerNotFound } from './jetstream-errors.js';
import { supportsMultipleFilters } from './subject-match.js';

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  /** Already prefixed. */
  filterSubjects: string[];
  ackWaitMs: number;
  maxDeliver: number;
}

export interface EnsuredConsumer {
  /** False when the server could not filter (several subjects on nats-server < 2.10): filter client-side. */
  serverFilters: boolean;
}

/** Creates the durable pull consumer or updates it; no inactive_threshold, so it outlives any instance. */
export async function ensureDurableConsumer(nc: NatsConnection, spec: DurableConsumerSpec): Promise<EnsuredConsumer> {
  const jsm = await nc.jetstreamManager();
  const serverFilters = spec.filterSubjects.length === 1 || supportsMultipleFilters(nc.info?.version ?? '0.0.0');
  // Keys set to undefined (not '') clear a previous filter: update() merges into the current config.
  const filter: Partial<ConsumerUpdateConfig> = {
    filter_subject: serverFilters && spec.filterSubjects.length === 1 ? spec.filterSubjects[0] : undefined,
    filter_subjects: serverFilters && spec.filterSubjects.length > 1 ? spec.filterSubjects : undefined,
  };
  const updatable: Partial<ConsumerUpdateConfig> = {
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    ...filter,
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
  } catch (error) {
    if (!isConsumerNotFound(error)) throw error;
    try {
      await jsm.consumers.add(spec.stream, {
        durable_name: spec.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ...updatable,
      });
      return { serverFilters };
    } catch (addError) {
      // Another instance may have created it first: then the update below applies our configuration.
      const exists = await jsm.consumers.info(spec.stream, spec.durable).then(() => true, () => false);
      if (!exists) throw addError;
    }
  }
  await jsm.consumers.update(spec.stream, spec.durable, updatable);
  return { serverFilters };
}
