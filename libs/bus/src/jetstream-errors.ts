import { NatsError } from 'nats';

/** JetStream API error codes (nats-server `errors.json`) we react to. */
const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof NatsError && error.api_error?.err_code === STREAM_NOT_FOUND;
}

export function isConsumerNotFound(error: unknown): boolean {
  return error instanceof NatsError && error.api_error?.err_code === CONSUMER_NOT_FOUND;
}
