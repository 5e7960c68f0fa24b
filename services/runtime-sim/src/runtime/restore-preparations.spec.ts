import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RuntimeErrorCode } from '@pronote/contracts';
import { createLogger } from '@pronote/observability';
import { createS3Client, type EmbeddedS3, ObjectStore, startEmbeddedS3 } from '@pronote/storage';
import { sampleBase } from '../base-format/sample-base.js';
import { RestorePreparations } from './restore-preparations.js';

const KEYS = { accessKey: 'restore-preparations', secretKey: 'restore-preparations-secret' };
const UAI = '0750654D';
const logger = createLogger({ service: 'restore-preparations-spec', level: 'silent' });

describe('RestorePreparations', () => {
  let directory: string;
  let s3: EmbeddedS3;
  let store: ObjectStore;
  const opened: RestorePreparations[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'restore-preparations-'));
    s3 = await startEmbeddedS3({ directory, ...KEYS });
    const client = createS3Client({ endPoint: s3.endPoint, port: s3.port, useSSL: false, region: 'us-east-1', ...KEYS });
    store = new ObjectStore({ client, bucket: `restore-preparations-${randomUUID().slice(0, 8)}` });
    await store.ensureBucket();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((preparations) => preparations.onApplicationShutdown()));
  });
  afterAll(async () => {
    await s3.close();
    await rm(directory, { recursive: true, force: true });
  });

  const open = (ttlMs = 60_000) => {
    const preparations = new RestorePreparations(store, ttlMs, logger);
    opened.push(preparations);
    return preparations;
  };
  const staged = async (name: string) => {
    const bytes = Buffer.from(`bytes of ${name}`);
    const { entries: _entries, ...header } = sampleBase(2000, { uai: UAI });
    return { uai: UAI, baseId: randomUUID(), bytes, header, content: await store.putBuffer(`bases/${UAI}/${name}.hnot`, bytes) };
  };
  const codeOf = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      return (error as { code?: string }).code;
    }
    return 'no error';
  };

  it('holds a preparation for its school and base only; once released, its staging object stays (it is the base content)', async () => {
    const preparations = open();
    const restore = await staged('released');
    const prepared = preparations.hold(restore);

    expect(codeOf(() => preparations.find('0750653C', restore.baseId, prepared.id))).toBe(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED);
    expect(codeOf(() => preparations.find(UAI, randomUUID(), prepared.id))).toBe(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED);
    expect(preparations.find(UAI, restore.baseId, prepared.id)).toMatchObject({ header: restore.header, content: restore.content });

    preparations.release(prepared);
    await preparations.onApplicationShutdown();
    expect(codeOf(() => preparations.find(UAI, restore.baseId, prepared.id))).toBe(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED);
    expect(await store.stat(restore.content.key)).toBe(restore.bytes.length);
  });

  it('a newer preparation for the school replaces the older one, whose staging object is removed', async () => {
    const preparations = open();
    const older = await staged('older');
    const newer = await staged('newer');
    const first = preparations.hold(older);
    const second = preparations.hold(newer);

    expect(codeOf(() => preparations.find(UAI, older.baseId, first.id))).toBe(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED);
    expect(preparations.find(UAI, newer.baseId, second.id).content).toEqual(newer.content);
    await waitUntilRemoved(older.content.key);
    expect(await store.stat(newer.content.key)).toBe(newer.bytes.length);
  });

  it('drops an expired preparation with its staging object, and what is still prepared at shutdown', async () => {
    const preparations = open(50);
    const expiring = await staged('expiring');
    const prepared = preparations.hold(expiring);
    expect(prepared.expiresAt.getTime()).toBeGreaterThan(Date.now() - 1);
    await waitUntilRemoved(expiring.content.key);
    expect(codeOf(() => preparations.find(UAI, expiring.baseId, prepared.id))).toBe(RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED);

    const atShutdown = await staged('at-shutdown');
    open().hold(atShutdown);
    await Promise.all(opened.splice(0).map((open) => open.onApplicationShutdown()));
    expect(await store.stat(atShutdown.content.key)).toBeNull();
  });

  async function waitUntilRemoved(key: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while ((await store.stat(key)) !== null) {
      if (Date.now() > deadline) throw new Error(`${key} was not removed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
