import { DomainError, UploadErrorCode } from '@pronote/contracts';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface ReceivedPart {
  data: Buffer;
  sha256: string;
}

/**
 * Reads one part of a raw request body, hashing as it comes, refusing it as soon as it goes past
 * `maxBytes`; a body that ends short of `expectedBytes` (interrupted upload) is refused too.
 */
export async function readPart(body: Readable, expectedBytes: number, maxBytes: number): Promise<ReceivedPart> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > Math.min(expectedBytes, maxBytes)) {
        throw new DomainError(UploadErrorCode.UPLOAD_PART_TOO_LARGE, `the part is larger than the ${expectedBytes} bytes expected`, { expectedBytes });
      }
      hash.update(chunk);
      chunks.push(chunk);
    }
  } catch (error) {
    body.destroy();
    if (error instanceof DomainError) throw error;
    throw new DomainError(UploadErrorCode.UPLOAD_PART_INVALID, 'the part was interrupted; send it again', { receivedBytes: size });
  }
  if (size !== expectedBytes) {
    throw new DomainError(UploadErrorCode.UPLOAD_PART_INVALID, `the part holds ${size} bytes, ${expectedBytes} expected; send it again`, { receivedBytes: size, expectedBytes });
  }
  return { data: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}
