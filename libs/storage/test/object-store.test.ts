import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createS3Client, ObjectStore, StorageError, type ObjectStore as Store } from '../src/index.js';
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

/** A source that sends `chunkCount` 1 MiB chunks, one every `intervalMs`, then stays open without ending. */
function slowSource(chunkCount: number, intervalMs: number, onAllSent: () => void = () => {}): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= chunkCount) return;
      sent += 1;
      setTimeout(() => {
        this.push(randomBytes(MiB));
        if (sent === chunkCount) onAllSent();
      }, intervalMs);
    },
  });
}

describe('ObjectStore against s3rver', () => {
  let s3: S3Fixture;
  let store: Store;

  beforeAll(async () => {
    s3 = await S3Fixture.start();
    store = s3.store();
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('streams 20 MiB in explicit multipart with the right sha256, and reads it back', async () => {
    const data = randomBytes(20 * MiB);
    const client = s3.client();
    const initiate = jest.spyOn(client, 'initiateNewMultipartUpload');
    const uploadPart = jest.spyOn(client, 'uploadPart');
    const putObject = jest.spyOn(client, 'putObject');
    const spiedStore = new ObjectStore({ client, bucket: s3.bucket });

    const stored = await spiedStore.putStream('bases/0750654D/b1/content.hnot', streamOf(data), { contentType: 'application/octet-stream' });

    expect(stored).toEqual({ key: 'bases/0750654D/b1/content.hnot', size: data.length, sha256: sha256(data) });
    expect(initiate).toHaveBeenCalledTimes(1);
    expect(uploadPart).toHaveBeenCalledTimes(3); // 8 + 8 + 4 MiB
    expect(putObject).not.toHaveBeenCalled();
    expect(await store.stat(stored.key)).toBe(data.length);
    expect(await store.sha256Of(stored.key)).toEqual({ size: data.length, sha256: sha256(data) });
    expect((await readAll(await store.getStream(stored.key))).equals(data)).toBe(true);
    expect(await s3.pendingMultipartUploads()).toEqual([]);
  });

  it('stores an object of one part or less with a single PUT', async () => {
    const data = randomBytes(3 * MiB);
    const client = s3.client();
    const initiate = jest.spyOn(client, 'initiateNewMultipartUpload');
    const stored = await new ObjectStore({ client, bucket: s3.bucket }).putStream('small/one-part', streamOf(data));
    expect(stored.sha256).toBe(sha256(data));
    expect(initiate).not.toHaveBeenCalled();
    expect(await store.stat('small/one-part')).toBe(data.length);
  });

  it('stores bytes in memory as putStream would: one checked PUT up to one part, explicit multipart beyond', async () => {
    const client = s3.client();
    const initiate = jest.spyOn(client, 'initiateNewMultipartUpload');
    const spiedStore = new ObjectStore({ client, bucket: s3.bucket });
    const small = randomBytes(3 * MiB);
    const large = randomBytes(6 * MiB);

    expect(await spiedStore.putBytes('bytes/small', small, { contentType: 'application/octet-stream' })).toEqual({ key: 'bytes/small', size: small.length, sha256: sha256(small) });
    expect(initiate).not.toHaveBeenCalled();
    // The store checked and kept the sha256 of the single PUT.
    expect(await store.describeChecked('bytes/small')).toMatchObject({ size: small.length, sha256: sha256(small) });

    expect(await spiedStore.putBytes('bytes/large', large, { partSize: 5 * MiB })).toEqual({ key: 'bytes/large', size: large.length, sha256: sha256(large) });
    expect(initiate).toHaveBeenCalledTimes(1);
    expect(await store.sha256Of('bytes/large')).toEqual({ size: large.length, sha256: sha256(large) });
  });

  it('reads a byte range, including one across a part boundary', async () => {
    const data = randomBytes(9 * MiB);
    await store.putStream('ranges/object', streamOf(data));
    const head = await readAll(await store.getStream('ranges/object', { start: 0, end: 99 }));
    expect(head.equals(data.subarray(0, 100))).toBe(true);
    const acrossParts = { start: 8 * MiB - 10, end: 8 * MiB + 9 };
    const middle = await readAll(await store.getStream('ranges/object', acrossParts));
    expect(middle.equals(data.subarray(acrossParts.start, acrossParts.end + 1))).toBe(true);
  });

  it('refuses an upload over maxBytes, aborting the multipart and leaving nothing behind', async () => {
    const client = s3.client();
    const uploadPart = jest.spyOn(client, 'uploadPart');
    const abort = jest.spyOn(client, 'abortMultipartUpload');
    const source = streamOf(randomBytes(20 * MiB));

    const error = await storageErrorOf(
      new ObjectStore({ client, bucket: s3.bucket }).putStream('too-large/object', source, { maxBytes: 10 * MiB }),
    );

    expect(error.code).toBe('OBJECT_TOO_LARGE');
    expect(uploadPart).toHaveBeenCalledTimes(1); // the first 8 MiB went out before the limit was crossed
    expect(abort).toHaveBeenCalledTimes(1);
    expect(error.details?.['orphanedUploadId']).toBeUndefined();
    expect(source.destroyed).toBe(true);
    expect(await store.stat('too-large/object')).toBeNull();
    expect(await store.list('too-large/')).toEqual([]);
    expect(await s3.pendingMultipartUploads()).toEqual([]);
  });

  it.each([
    ['destroyed', (source: Readable) => source.destroy()],
    ['errored', (source: Readable) => source.destroy(new Error('client connection reset'))],
  ])('rejects in bounded time with UPLOAD_ABORTED when the source is %s mid-upload', async (how, kill) => {
    const client = s3.client();
    const uploadPart = jest.spyOn(client, 'uploadPart');
    const abort = jest.spyOn(client, 'abortMultipartUpload');
    // 12 MiB then silence: the first 8 MiB part goes out, 4 MiB wait for more that never comes.
    const source = slowSource(12, 5, () => setTimeout(() => kill(source), 300));
    const key = `killed/${how}`;
    const started = Date.now();

    const error = await storageErrorOf(new ObjectStore({ client, bucket: s3.bucket }).putStream(key, source));

    expect(error.code).toBe('UPLOAD_ABORTED');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(uploadPart).toHaveBeenCalledTimes(1);
    expect(abort).toHaveBeenCalledTimes(1);
    expect(await store.stat(key)).toBeNull();
    expect(await s3.pendingMultipartUploads()).toEqual([]);
  });

  it('rejects with UPLOAD_ABORTED when the source stalls', async () => {
    const stalled = new Readable({ read() {} });
    const started = Date.now();
    const error = await storageErrorOf(s3.store({ idleTimeoutMs: 300 }).putStream('stalled/object', stalled));
    expect(error.code).toBe('UPLOAD_ABORTED');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stalled.destroyed).toBe(true);
  });

  it('rejects with UPLOAD_ABORTED when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await storageErrorOf(store.putStream('cancelled/object', slowSource(100, 5), { signal: controller.signal }));
    expect(error.code).toBe('UPLOAD_ABORTED');
    expect(await s3.pendingMultipartUploads()).toEqual([]);
  });

  it('serves a presigned URL that plain fetch downloads', async () => {
    const data = randomBytes(256 * 1024);
    await store.putBuffer('presigned/object', data);
    const url = await store.presignedGetUrl('presigned/object', 60);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
  });

  it('completes a resumable upload of 3 parts across two sessions', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(MiB)];
    const key = 'resumable/object';

    const firstSession = s3.store();
    const uploadId = await firstSession.startResumable(key);
    const recorded = [{ partNumber: 1, etag: await firstSession.uploadPartResumable(key, uploadId, 1, parts[0]!) }];

    const secondSession = s3.store();
    recorded.push({ partNumber: 2, etag: await secondSession.uploadPartResumable(key, uploadId, 2, parts[1]!) });
    recorded.push({ partNumber: 3, etag: await secondSession.uploadPartResumable(key, uploadId, 3, parts[2]!) });
    await secondSession.completeResumable(key, uploadId, recorded);

    const whole = Buffer.concat(parts);
    expect(await store.sha256Of(key)).toEqual({ size: whole.length, sha256: sha256(whole) });
    expect(await s3.pendingMultipartUploads()).toEqual([]);
  });

  it('aborts a resumable upload, leaving nothing behind', async () => {
    const uploadId = await store.startResumable('resumable/aborted');
    await store.uploadPartResumable('resumable/aborted', uploadId, 1, randomBytes(MiB));
    await store.abortResumable('resumable/aborted', uploadId);
    expect(await s3.pendingMultipartUploads()).toEqual([]);
    expect(await store.stat('resumable/aborted')).toBeNull();
  });

  it('detects an object corrupted on disk with sha256Of', async () => {
    const data = randomBytes(MiB);
    const stored = await store.putBuffer('backups/0750654D/b1/2024-01-01T10-20.sauvs', data);
    expect((await store.sha256Of(stored.key)).sha256).toBe(stored.sha256);

    const corrupted = Buffer.from(data);
    corrupted[12_345] = (corrupted[12_345] ?? 0) ^ 0xff;
    await writeFile(s3.objectFile(stored.key), corrupted);

    const digest = await store.sha256Of(stored.key);
    expect(digest.size).toBe(stored.size);
    expect(digest.sha256).not.toBe(stored.sha256);
  });

  it('copies server-side, without the bytes going through the client, and overwrites the target', async () => {
    const data = randomBytes(12 * MiB);
    const source = await store.putStream('copy/backup.sauvs', streamOf(data));
    await store.putBuffer('copy/content.hnot', Buffer.from('the previous content'));
    const client = s3.client();
    const putObject = jest.spyOn(client, 'putObject');
    const uploadPart = jest.spyOn(client, 'uploadPart');
    const copying = new ObjectStore({ client, bucket: s3.bucket });

    const version = await copying.describe(source.key);
    expect(version).toEqual({ size: data.length, etag: expect.any(String) });
    await copying.copy(source.key, 'copy/content.hnot', version!);

    expect(await store.sha256Of('copy/content.hnot')).toEqual({ size: data.length, sha256: source.sha256 });
    expect(putObject).not.toHaveBeenCalled();
    expect(uploadPart).not.toHaveBeenCalled();
    expect(await store.describe('copy/missing')).toBeNull();
    expect((await storageErrorOf(store.copy('copy/missing', 'copy/other'))).code).toBe('OBJECT_NOT_FOUND');
  });

  it('refuses a copy (OBJECT_CHANGED) when the source is no longer the version described, leaving the target as it was', async () => {
    await store.putBuffer('copy/changing.sauvs', Buffer.from('version read and verified'));
    await store.putBuffer('copy/kept.hnot', Buffer.from('kept'));
    const described = await store.describe('copy/changing.sauvs');
    await store.putBuffer('copy/changing.sauvs', Buffer.from('version written after the read'));

    expect((await storageErrorOf(store.copy('copy/changing.sauvs', 'copy/kept.hnot', described!))).code).toBe('OBJECT_CHANGED');
    expect((await readAll(await store.getStream('copy/kept.hnot'))).toString()).toBe('kept');
  });

  it('tells the version of the bytes a GET reads, so that a copy conditional on it copies those bytes or nothing', async () => {
    const data = randomBytes(6 * MiB);
    await store.putStream('copy/read.sauvs', streamOf(data));
    const read = await store.getVersioned('copy/read.sauvs');
    expect(read.version).toEqual(await store.describe('copy/read.sauvs'));
    expect((await readAll(read.body)).equals(data)).toBe(true);
    await store.copy('copy/read.sauvs', 'copy/read-copy.hnot', read.version);
    expect(await store.sha256Of('copy/read-copy.hnot')).toEqual({ size: data.length, sha256: sha256(data) });

    const reading = await store.getVersioned('copy/read.sauvs');
    reading.body.destroy();
    await store.putBuffer('copy/read.sauvs', Buffer.from('written while it was read'));
    expect((await storageErrorOf(store.copy('copy/read.sauvs', 'copy/read-copy.hnot', reading.version))).code).toBe('OBJECT_CHANGED');
  });

  it('refuses to copy more than one CopyObject can (5 GiB) before calling S3', async () => {
    const tooLarge = { size: 5 * 1024 * MiB + 1, etag: 'any' };
    expect((await storageErrorOf(store.copy('copy/huge', 'copy/huge-copy', tooLarge))).code).toBe('OBJECT_TOO_LARGE');
  });

  it('lists by prefix and removes one or many objects', async () => {
    await Promise.all(['list/a', 'list/b', 'list/sub/c', 'other/d'].map((key) => store.putBuffer(key, Buffer.from(key))));
    expect((await store.list('list/')).map((object) => object.key).sort()).toEqual(['list/a', 'list/b', 'list/sub/c']);

    await store.remove('list/a');
    await store.remove('list/a'); // removing twice is fine
    await store.removeMany(['list/b', 'list/sub/c']);
    expect(await store.list('list/')).toEqual([]);
    expect(await store.stat('other/d')).toBe(7);
  });

  it('reports a missing object as OBJECT_NOT_FOUND', async () => {
    expect(await store.stat('missing/object')).toBeNull();
    expect((await storageErrorOf(store.getStream('missing/object'))).code).toBe('OBJECT_NOT_FOUND');
    expect((await storageErrorOf(store.sha256Of('missing/object'))).code).toBe('OBJECT_NOT_FOUND');
  });

  it('reports an unreachable endpoint as STORAGE_UNAVAILABLE', async () => {
    const client = createS3Client({ endPoint: '127.0.0.1', port: 1, useSSL: false, accessKey: 'x', secretKey: 'y', region: 'us-east-1' });
    const unreachable = new ObjectStore({ client, bucket: s3.bucket });
    expect((await storageErrorOf(unreachable.stat('any'))).code).toBe('STORAGE_UNAVAILABLE');
    expect((await storageErrorOf(unreachable.putStream('any', streamOf(randomBytes(1024))))).code).toBe('STORAGE_UNAVAILABLE');
  });
});
