import type { Readable } from 'node:stream';
import { withDeadline } from './deadline.js';
import { StorageError, StorageErrorCode } from './storage-error.js';

/**
 * The chunks of `source` as Buffers. Rejects with `failureCode` when the source errors, is destroyed
 * before its end, or sends nothing for `idleTimeoutMs`: a stalled stream must not hold anything forever.
 */
export async function* readChunks(
  source: Readable,
  idleTimeoutMs: number,
  failureCode: StorageErrorCode = StorageErrorCode.UPLOAD_ABORTED,
): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await withDeadline(
        iterator.next(),
        idleTimeoutMs,
        () => new StorageError(failureCode, `The stream sent no data for ${idleTimeoutMs} ms`),
      );
    } catch (error) {
      throw asStreamFailure(error, failureCode);
    }
    if (next.done) return;
    yield toBuffer(next.value);
  }
}

function asStreamFailure(error: unknown, failureCode: StorageErrorCode): StorageError {
  if (error instanceof StorageError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StorageError(failureCode, `The stream failed before its end: ${reason}`, undefined, {
    cause: error,
  });
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('The source stream must produce bytes, not objects');
}
