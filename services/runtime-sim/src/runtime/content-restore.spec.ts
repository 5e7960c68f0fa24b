import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { RuntimeErrorCode } from '@pronote/contracts';
import { createS3Client, type EmbeddedS3, ObjectStore, startEmbeddedS3 } from '@pronote/storage';
import { ContentObjects, type ContentSink } from '../storage/content-objects.js';
import { ContentRestore } from './content-restore.js';
import { ContentInvalidError } from './runtime.errors.js';

const KEYS = { accessKey: 'content-restore', secretKey: 'content-restore-secret' };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Counts what streams through, as a base reader checks it: nothing kept. */
const countingSink = (): ContentSink<number> => {
  let seen = 0;
  return { write: (chunk) => void (seen += chunk.length), end: () => seen };
};
const refusingSink = (key: string): ContentSink<never> => ({
  write: () => undefined,
  end: () => {
    throw new ContentInvalidError(key, 'not a base');
  },
});

describe('ContentRestore.stage against the embedded S3', () => {
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

  it('reads the source once, verified, while S3 copies it to the staging key (nothing uploaded back)', async () => {
    const store = newStore();
    const data = randomBytes(9 * 1024 * 1024);
    const source = await store.putStream('backups/a/1.sauvs', Readable.from([data]));
    const putStream = jest.spyOn(store, 'putStream');
    const getStream = jest.spyOn(store, 'getStream');

    const staged = await new ContentRestore(new ContentObjects(store), store).stage(source, 'bases/a/content/r1.hnot', countingSink());

    expect(staged.accepted).toBe(data.length);
    expect(staged.content).toEqual({ key: 'bases/a/content/r1.hnot', size: data.length, sha256: sha256(data) });
    expect(getStream).toHaveBeenCalledTimes(1);
    expect(putStream).not.toHaveBeenCalled();
    expect(await store.sha256Of('bases/a/content/r1.hnot')).toEqual({ size: data.length, sha256: sha256(data) });
  });

  it('leaves nothing at the staging key when the source is not the recorded one or is missing', async () => {
    const store = newStore();
    const source = await store.putBuffer('backups/b/1.sauvs', Buffer.from('the recorded backup'));
    await store.putBuffer('backups/b/1.sauvs', Buffer.from('the recorded backuq'));
    const restore = new ContentRestore(new ContentObjects(store), store);

    await expect(restore.stage(source, 'bases/b/content/r1.hnot', countingSink())).rejects.toMatchObject({ code: RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH });
    await expect(restore.stage({ ...source, key: 'backups/b/missing.sauvs' }, 'bases/b/content/r2.hnot', countingSink())).rejects.toMatchObject({
      code: RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND,
    });
    expect(await store.stat('bases/b/content/r1.hnot')).toBeNull();
    expect(await store.stat('bases/b/content/r2.hnot')).toBeNull();
  });

  it('removes the staged copy when the bytes read are verified but refused (not a base it can load)', async () => {
    const store = newStore();
    const source = await store.putBuffer('backups/c/1.sauvs', Buffer.from('a photo, not a base'));
    const restore = new ContentRestore(new ContentObjects(store), store);

    await expect(restore.stage(source, 'bases/c/content/r1.hnot', refusingSink(source.key))).rejects.toMatchObject({
      code: RuntimeErrorCode.RUNTIME_CONTENT_INVALID,
    });
    expect(await store.stat('bases/c/content/r1.hnot')).toBeNull();
    // The sink's verdict comes after the checksum: damaged bytes are a mismatch (what marks a point corrupt).
    await expect(restore.stage({ ...source, sha256: sha256(Buffer.from('another')) }, 'bases/c/content/r2.hnot', refusingSink(source.key))).rejects.toMatchObject({
      code: RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH,
    });
    expect(await store.stat('bases/c/content/r2.hnot')).toBeNull();
  });

  it('stages nothing when the source is replaced after its version was seen', async () => {
    const store = newStore();
    const source = await store.putBuffer('backups/d/1.sauvs', Buffer.from('verified version'));
    const copy = store.copy.bind(store);
    jest.spyOn(store, 'copy').mockImplementation(async (from, to, version) => {
      await store.putBuffer(from, Buffer.from('written meanwhile'));
      return copy(from, to, version);
    });

    await expect(new ContentRestore(new ContentObjects(store), store).stage(source, 'bases/d/content/r1.hnot', countingSink())).rejects.toMatchObject({
      code: RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH,
    });
    expect(await store.stat('bases/d/content/r1.hnot')).toBeNull();
  });
});
