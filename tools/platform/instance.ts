import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformOptions } from './platform.js';

export type PlatformNamespace = NonNullable<PlatformOptions['namespace']>;

export const INSTANCE_FILE = 'instance.json';
const ID_PATTERN = /^p[0-9a-f]{8}$/;

/**
 * The platform `npm start` runs is its data folder: the S3 objects and the CA's key-encryption key
 * live there, so the state it keeps in the machine's Postgres, NATS and Redis is named after an id kept
 * there too. Two checkouts on one machine then never read each other's state (a CA sealed with the
 * other folder's key would not even open), and a restart finds its own. The id is made at first start.
 */
export async function instanceNamespace(dataDir: string): Promise<{ id: string; namespace: PlatformNamespace }> {
  const id = (await readInstanceId(dataDir)) ?? (await createInstanceId(dataDir));
  return { id, namespace: { schemaPrefix: id, subjectPrefix: id, stream: `HOSTING_${id.toUpperCase()}`, redisPrefix: `pronote:${id}` } };
}

async function readInstanceId(dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, INSTANCE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const id: unknown = (JSON.parse(text) as { id?: unknown }).id;
  // Never replaced silently: a new id would hide the state this folder's platform already has.
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new Error(`${file}: "id" must match ${ID_PATTERN} (restore it, or remove the data folder to start afresh)`);
  return id;
}

async function createInstanceId(dataDir: string): Promise<string> {
  const id = `p${randomBytes(4).toString('hex')}`;
  await mkdir(dataDir, { recursive: true });
  // Written aside, then linked into place: a start reading the file never sees it half-written.
  const written = join(dataDir, `${INSTANCE_FILE}.${id}`);
  await writeFile(written, `${JSON.stringify({ id }, null, 2)}\n`);
  try {
    await link(written, join(dataDir, INSTANCE_FILE));
  } catch (error) {
    // Another start made it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readInstanceId(dataDir))!;
    throw error;
  } finally {
    await rm(written, { force: true });
  }
  return id;
}
