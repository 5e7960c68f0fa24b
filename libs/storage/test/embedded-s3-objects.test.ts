import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ObjectStore } from '../src/index.js';
import { MiB, readAll, S3Fixture } from './s3-fixture.js';

/** The embedded endpoint's object files: replaced whole, never changed in place, shared by copies. */
describe('embedded S3 objects', () => {
  let s3: S3Fixture;
  let store: ObjectStore;

  beforeAll(async () => {
    s3 = await S3Fixture.start();
    store = s3.store();
  });

  afterAll(async () => {
    await s3.stop();
  });

  it('a GET started before an overwrite reads the version it started with, to the end', async () => {
    const first = randomBytes(32 * MiB);
    await store.putBuffer('objects/overwritten.sauvs', first);
    const body = await store.getStream('objects/overwritten.sauvs');
    const iterator = (body as Readable)[Symbol.asyncIterator]();
    const head = (await iterator.next()).value as Buffer;

    await store.putBuffer('objects/overwritten.sauvs', randomBytes(32 * MiB));
    const rest: Buffer[] = [head];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value as Buffer);

    expect(Buffer.concat(rest).equals(first)).toBe(true);
  });

  it('a copy shares its source file (no byte written again) and keeps its bytes when the source is overwritten, then removed', async () => {
    const original = randomBytes(6 * MiB);
    await store.putBuffer('objects/source.sauvs', original);
    await store.copy('objects/source.sauvs', 'objects/copy.hnot', (await store.describe('objects/source.sauvs'))!);
    const [source, copy] = await Promise.all([stat(s3.objectFile('objects/source.sauvs')), stat(s3.objectFile('objects/copy.hnot'))]);
    expect(copy.ino).toBe(source.ino);

    await store.putBuffer('objects/source.sauvs', Buffer.from('a new version of the source'));
    expect((await readAll(await store.getStream('objects/copy.hnot'))).equals(original)).toBe(true);
    await store.remove('objects/source.sauvs');
    expect((await readAll(await store.getStream('objects/copy.hnot'))).equals(original)).toBe(true);
    expect(await store.describe('objects/copy.hnot')).toMatchObject({ size: original.length });
  });

  it('leaves no partial file beside the objects, and lists only the objects', async () => {
    await store.putBuffer('objects/listed/a.sauvs', randomBytes(MiB));
    await store.copy('objects/listed/a.sauvs', 'objects/listed/b.hnot');
    const files = await readdir(path.dirname(s3.objectFile('objects/listed/a.sauvs')));
    expect(files.filter((file) => file.endsWith('.partial'))).toEqual([]);
    expect((await store.list('objects/listed/')).map((object) => object.key).sort()).toEqual(['objects/listed/a.sauvs', 'objects/listed/b.hnot']);
  });
});
