import DataLoader from 'dataloader';
import { MAX_BATCHED_READ_KEYS, type CommandContract, type RequestOf, type ResponseOf } from '@pronote/contracts';
import type { Bus } from '../connection.js';
import { sendCommand } from './send-command.js';

export interface BatchedReadOptions<C extends CommandContract, Item> {
  /** The command request for a set of distinct keys. */
  request: (keys: string[]) => RequestOf<C>;
  /** The items of a response; a key without an item reads as `undefined`. */
  items: (response: ResponseOf<C>) => readonly Item[];
  keyOf: (item: Item) => string;
  timeoutMs: number;
  /** Keys per command at most (repeated keys count once each); the contract's limit by default. */
  maxBatch?: number;
  /**
   * How long the first read of a batch waits for others, in ms. 0: the reads of the current event-loop
   * turn (setImmediate runs once the poll phase has handled every socket that was ready: the reads of
   * all the requests parsed in this turn, not only those of one connection as process.nextTick would).
   */
  windowMs?: number;
}

/**
 * Reads by key through a `Get…s` command: the reads asked for within a short window (under load, the
 * requests of many connections) leave as one command, answered by one query on the other side: a
 * service pays its fixed cost per command (wake-up, NATS, query) once per batch instead of per read.
 * Nothing is cached: every read is answered from the service's current state. A failed command fails
 * every read of its batch with the command's error. The command carries the correlation id of the read
 * that opened the batch.
 */
export class BatchedRead<C extends CommandContract, Item> {
  private readonly loader: DataLoader<string, Item | undefined>;

  constructor(
    private readonly bus: Bus,
    private readonly contract: C,
    private readonly options: BatchedReadOptions<C, Item>,
  ) {
    this.loader = new DataLoader((keys) => this.fetch(keys), {
      cache: false,
      maxBatchSize: options.maxBatch ?? MAX_BATCHED_READ_KEYS,
      batchScheduleFn: options.windowMs ? (dispatch) => setTimeout(dispatch, options.windowMs) : (dispatch) => setImmediate(dispatch),
    });
  }

  load(key: string): Promise<Item | undefined> {
    return this.loader.load(key);
  }

  private async fetch(keys: readonly string[]): Promise<(Item | undefined)[]> {
    const response = await sendCommand(this.bus, this.contract, this.options.request([...new Set(keys)]), {
      timeoutMs: this.options.timeoutMs,
    });
    const byKey = new Map(this.options.items(response).map((item) => [this.options.keyOf(item), item]));
    return keys.map((key) => byKey.get(key));
  }
}
