import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { RuntimeErrorCode } from '@pronote/contracts';
import { createS3Client, type EmbeddedS3, ObjectStore, startEmbeddedS3 } from '@pronote/storage';
import { ContentObjects } from '../storage/content-objects.js';
import { ContentRestore } from './content-restore.js';

const KEYS = { accessKey: 'content-restore', secretKey: 'content-restore-secret' };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('ContentRestore against the embedded S3', () => {
  let directory: string;
  let s3: EmbeddedS3;
  const bucket = `content-restore-${randomUUID().slice(0, 8)}`;
  const newStore = () =>
    new ObjectStore({ client: createS3Client({ endPoint: s3.endPoint, port: s3.port, useSSL: false, region: 'us-east-1', ...KEYS }), bucket });

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'content-restore-'));
    s3 = await startEmbeddedS3({ directory, ...KEYS });
    await newStore().ensureBucket();
  });
  afterAll(async () => {
    await s3.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('reads the source once, verified, and copies it server-side to the content key (nothing uploaded back)', async () => {
    const store = newStore();
    const data = randomBytes(9 * 1024 * 1024);
    const source = await store.putStream('backups/a/1.sauvs', Readable.from([data]));
    await store.putBuffer('bases/a/content.hnot', Buffer.from('content recorded at the stop'));
    const putStream = jest.spyOn(store, 'putStream');
    const getStream = jest.spyOn(store, 'getStream');

    const restored = await new ContentRestore(new ContentObjects(store), store).load(source, 'bases/a/content.hnot');

    expect(restored.bytes.equals(data)).toBe(true);
    expect(restored.content).toEqual({ key: 'bases/a/content.hnot', size: data.length, sha256: sha256(data) });
    expect(getStream).toHaveBeenCalledTimes(1);
    expect(putStream).not.toHaveBeenCalled();
    expect(await store.sha256Of('bases/a/content.hnot')).toEqual({ size: data.length, sha256: sha256(data) });
  });

  it('leaves the content key untouched when the source is not the recorded one', async () => {
    const store = newStore();
    const source = await store.putBuffer('backups/b/1.sauvs', Buffer.from('the recorded backup'));
    await store.putBuffer('backups/b/1.sauvs', Buffer.from('the recorded backuq'));
    await store.putBuffer('bases/b/content.hnot', Buffer.from('kept'));
    const restore = new ContentRestore(new ContentObjects(store), store);

    await expect(restore.load(source, 'bases/b/content.hnot')).rejects.toMatchObject({ code: RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH });
    await expect(restore.load({ ...source, key: 'backups/b/missing.sauvs' }, 'bases/b/content.hnot')).rejects.toMatchObject({
      code: RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND,
    });
    expect(await store.sha256Of('bases/b/content.hnot')).toEqual({ size: 4, sha256: sha256(Buffer.from('kept')) });
  });

  it('copies nothing when the source is replaced between the verified read and the copy', async () => {
    const store = newStore();
    const source = await store.putBuffer('backups/c/1.sauvs', Buffer.from('verified version'));
    await store.putBuffer('bases/c/content.hnot', Buffer.from('kept'));
    const objects = new ContentObjects(store);
    const readVerified = objects.readVerified.bind(objects);
    jest.spyOn(objects, 'readVerified').mockImplementation(async (expected) => {
      const bytes = await readVerified(expected);
      await store.putBuffer(expected.key, Buffer.from('written after the read'));
      return bytes;
    });

    await expect(new ContentRestore(objects, store).load(source, 'bases/c/content.hnot')).rejects.toMatchObject({
      code: RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH,
    });
    expect(await store.sha256Of('bases/c/content.hnot')).toEqual({ size: 4, sha256: sha256(Buffer.from('kept')) });
  });
});
