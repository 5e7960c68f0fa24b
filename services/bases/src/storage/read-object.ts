import type { ObjectStore } from '@pronote/storage';

/** Reads a small object whole (an empty base, a preparation file); `range` bounds what is read. */
export async function readObject(store: ObjectStore, key: string, range?: { start: number; end: number }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getStream(key, range)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
