export { connectBus, type Bus, type BusOptions } from './connection.js';
export { BusNotReadyError } from './bus-errors.js';
export {
  ensureStream,
  DEFAULT_STREAM_NAME,
  DEFAULT_STREAM_SUBJECTS,
  DEFAULT_DUPLICATE_WINDOW_MS,
  type StreamOptions,
} from './stream.js';
export { MSG_ID_HEADER, ERROR_CODE_HEADER } from './headers.js';
export { publishEvent, publishEnvelope, type PublishResult, type PublishOptions } from './publisher.js';
export {
  startConsumer,
  isEventOf,
  type ConsumerOptions,
  type ConsumerHandle,
  type EventHandler,
  type BatchEventHandler,
  type ReceivedEvent,
} from './consumer.js';
export { decodeEvent, type DecodedEvent } from './decode-event.js';
export { exponentialRetryDelay, isLastDelivery, type RetryDelayOptions } from './retry-policy.js';
export { subjectMatches } from './subject-match.js';
export { claimMessage, claimMessages, PROCESSED_MESSAGE_TABLE_SQL, type RawExecutor, type RawQuerier } from './idempotency.js';
export { outboxRecord, type OutboxRecord, type JsonValue } from './outbox/outbox-record.js';
export { OUTBOX_EVENT_TABLE_SQL } from './outbox/outbox-table.js';
export { OutboxRelay, type OutboxRelayOptions, type OutboxRelayStats } from './outbox/outbox-relay.js';
export { DEFAULT_OUTBOX_RETENTION_MS, OutboxRetention, type OutboxRetentionOptions } from './outbox/outbox-retention.js';
export { serveCommand, type CommandHandler, type CommandServer, type ServeCommandOptions } from './command/serve-command.js';
export { sendCommand, type SendCommandOptions } from './command/send-command.js';
export { RemoteCommandError } from './command/remote-command-error.js';
export { BatchedRead, type BatchedReadOptions } from './command/batched-read.js';
