import { isBaseContentKey } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import type { AnnexObject } from '../records/restore-point.js';
import { verifyStoredObject } from './object-verifier.js';

/**
 * An archive is the base plus its annex files (everything under `bases/<uai>/<baseId>/` but its
 * content objects, a restore's staged one included). Each annex is copied next to the archive,
 * re-read, and described in the archive's manifest.
 */
export async function copyAnnexes(store: ObjectStore, owner: { uai: string; baseId: string }, archiveKey: string): Promise<AnnexObject[]> {
  const prefix = `bases/${owner.uai}/${owner.baseId}/`;
  const sources = (await store.list(prefix)).filter((object) => !isBaseContentKey(owner.uai, owner.baseId, object.key));
  const annexes: AnnexObject[] = [];
  for (const source of sources) {
    const name = source.key.slice(prefix.length);
    const key = `${archiveKey}.annexes/${name}`;
    const stored = await store.putStream(key, await store.getStream(source.key));
    await verifyStoredObject(store, stored);
    annexes.push({ name, key, sizeBytes: stored.size, sha256: stored.sha256 });
  }
  return annexes;
}
