import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTANCE_FILE, instanceNamespace } from '../instance.js';

describe('the instance a data folder names (npm start)', () => {
  const folders: string[] = [];
  const newFolder = async () => {
    const folder = await mkdtemp(join(tmpdir(), 'platform-instance-'));
    folders.push(folder);
    return folder;
  };
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('is made at first start, kept by the folder, and another folder gets another one', async () => {
    const folder = await newFolder();
    const first = await instanceNamespace(join(folder, 'data'));
    expect(first.id).toMatch(/^p[0-9a-f]{8}$/);
    expect(first.namespace).toEqual({
      schemaPrefix: first.id,
      subjectPrefix: first.id,
      stream: `HOSTING_${first.id.toUpperCase()}`,
      redisPrefix: `pronote:${first.id}`,
    });
    expect(await instanceNamespace(join(folder, 'data'))).toEqual(first);

    const other = await instanceNamespace(await newFolder());
    expect(other.id).not.toBe(first.id);
  });

  it('two starts at once on a new folder agree on one id', async () => {
    const folder = await newFolder();
    const [a, b] = await Promise.all([instanceNamespace(folder), instanceNamespace(folder)]);
    expect(a.id).toBe(b.id);
  });

  it('refuses a damaged instance file instead of starting a new instance over the old state', async () => {
    const folder = await newFolder();
    await writeFile(join(folder, INSTANCE_FILE), JSON.stringify({ id: 'not an id' }));
    await expect(instanceNamespace(folder)).rejects.toThrow(/"id" must match/);
  });
});
