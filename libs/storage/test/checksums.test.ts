import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { putChecksummed, sha256Digest } from '../src/checksummed-put.js';
import { StorageError, type ObjectStore } from '../src/index.js';
import { MiB, readAll, S3Fixture, streamOf } from './s3-fixture.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function storageErrorOf(work: Promise<unknown>): Promise<StorageError> {
  const error = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof StorageError)) throw new Error(`Expected a StorageError, got ${String(error)}`);
  return error;
}

describe('SHA-256 checked by the store on single PUTs (embedded endpoint)', () => {
  let s3: S3Fixture;
  let store: ObjectStore;

  beforeAll(async () => {
    s3 = await S3Fixture.start();
    store = s3.store();
  });
  afterAll(async () => {
    await s3.stop();
  });

  const target = (key: string) => ({ client: s3.client(), bucket: s3.bucket, key, requestTimeoutMs: 10_000 });

  it('keeps the sha256 of a single PUT and gives it back to a HEAD, with size and ETag', async () => {
    const data = randomBytes(436 * 1024);
    const stored = await store.putStream('backups/0750654D/b1/slot.sauvs', streamOf(data), { contentType: 'application/octet-stream' });
    const buffered = await store.putBuffer('backups/0750654D/b1/other.sauvs', data);

    const expected = { size: data.length, etag: createHash('md5').update(data).digest('hex'), sha256: sha256(data) };
    expect(stored.sha256).toBe(sha256(data));
    expect(await store.describeChecked(stored.key)).toEqual(expected);
    expect(await store.describeChecked(buffered.key)).toEqual(expected);
    expect((await readAll(await store.getStream(stored.key))).equals(data)).toBe(true);
    expect(await store.describeChecked('backups/0750654D/b1/missing.sauvs')).toBeNull();
  });

  it('refuses (CHECKSUM_MISMATCH) a body other than its checksum says, leaving the object in place as it was', async () => {
    const kept = await store.putBuffer('checked/kept.sauvs', Buffer.from('the version in place'));
    const sent = Buffer.from('bytes damaged on the way');

    const refused = await storageErrorOf(putChecksummed(target(kept.key), sent, sha256Digest(Buffer.from('the bytes meant to be sent'))));

    expect(refused.code).toBe('CHECKSUM_MISMATCH');
    expect((await readAll(await store.getStream(kept.key))).toString()).toBe('the version in place');
    expect((await store.describeChecked(kept.key))?.sha256).toBe(kept.sha256);
    const malformed = await storageErrorOf(putChecksummed(target('checked/malformed'), sent, Buffer.from('short')));
    expect(malformed.code).toBe('STORAGE_UNAVAILABLE');
    expect(await store.describeChecked('checked/malformed')).toBeNull();
  });

  it('has no whole-object sha256 for a multipart object, nor once a write without checksum replaced the bytes', async () => {
    const large = await store.putStream('checked/multipart.sauvs', streamOf(randomBytes(9 * MiB)));
    expect(await store.describeChecked(large.key)).toEqual({ size: 9 * MiB, etag: expect.any(String), sha256: null });

    const first = await store.putBuffer('checked/rewritten.sauvs', Buffer.from('checked version'));
    expect((await store.describeChecked(first.key))?.sha256).toBe(first.sha256);
    await s3.client().putObject(s3.bucket, first.key, Buffer.from('unchecked version'));
    expect(await store.describeChecked(first.key)).toEqual({ size: 17, etag: expect.any(String), sha256: null });
  });

  it('keeps the checksum with a server-side copy of the same bytes', async () => {
    const source = await store.putBuffer('checked/source.sauvs', randomBytes(64 * 1024));
    await store.copy(source.key, 'checked/copy.sauvs', (await store.describe(source.key))!);
    expect((await store.describeChecked('checked/copy.sauvs'))?.sha256).toBe(source.sha256);
  });

  it('writes concurrent checked PUTs of one key one at a time: the checksum kept is that of the bytes kept', async () => {
    const versions = Array.from({ length: 20 }, () => randomBytes(512 * 1024));
    await Promise.all(versions.map((data) => store.putBuffer('checked/raced.sauvs', data)));

    const kept = await readAll(await store.getStream('checked/raced.sauvs'));
    expect(versions.some((data) => data.equals(kept))).toBe(true);
    expect((await store.describeChecked('checked/raced.sauvs'))?.sha256).toBe(sha256(kept));
  });
});
