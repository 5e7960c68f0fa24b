/**
 * Restoring a 200 MB base through the backups service's real restore path (`RestoreService.restore`:
 * the runtime prepares the point while the live base still runs — one read checked as it streams
 * against size + sha256, nothing kept, with S3 copying the same version to a staging key alongside —
 * then the base in service is stopped after confirmation, a safety backup of it is taken, the runtime
 * holds the staged object as the stopped base, and `bases` records it as the base's content, removing
 * the one it replaces),
 * against a raw GET of the same object (read to the end, nothing else), measured in the same run
 * before each round and after the last. On a shared machine the GET itself varies from round to
 * round: the ratio of each restore to the GETs just around it is printed as well. The live base replaced is the seed's 436 KB, so its safety
 * backup is small. Quick: 20 MB.
 */
import type { StoredObject } from '@pronote/contracts';
import { backupsBenchEnv } from './support/backups/backups-bench-env.js';
import { baseContent, school, schoolsInService, startBackupsBench, type BackupsBench } from './support/backups/backups-bench.js';
import { log, reportResult } from './support/result.js';

const ROUNDS = 5;
const LIVE_BASE_BYTES = 436 * 1024;
const { restoreBytes: BYTES } = backupsBenchEnv;

async function rawGet(bench: BackupsBench, key: string): Promise<number> {
  const started = performance.now();
  let size = 0;
  for await (const chunk of (await bench.store.getStream(key)) as AsyncIterable<Buffer>) size += chunk.length;
  if (size !== BYTES) throw new Error(`raw GET read ${size} of ${BYTES} bytes`);
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const bench = await startBackupsBench({ poolMax: 5 });
  try {
    const { uai, baseId } = school(0);
    const big = baseContent(BYTES);
    await schoolsInService(bench, [{ uai, baseId }], big);
    const backup = await bench.core.runner.run({ kind: 'backup', baseId, slot: new Date('2026-11-02T09:20:00Z'), skipIfNothingNew: false });
    if (backup.status !== 'completed') throw new Error(`the 200 MB backup was not taken: ${backup.status}`);
    const point = backup.point;
    const live = baseContent(LIVE_BASE_BYTES);

    const raw: number[] = [];
    const project: number[] = [];
    const prepare: number[] = [];
    let staged: StoredObject | undefined;
    for (let round = 0; round < ROUNDS; round += 1) {
      raw.push(await rawGet(bench, point.objectKey));
      // Entries were made since the backup: the live base is another one, in service.
      bench.runtime.bases.set(uai, { baseId, state: 'in_service', content: { bytes: live }, lastEntryAt: new Date().toISOString() });
      bench.runtime.prepareMs = 0;
      const started = performance.now();
      const restored = await bench.core.restore.restore({ uai, restorePointId: point.id, confirmStop: true, acknowledgeCorrupt: false, actor: 'bench' });
      project.push(performance.now() - started);
      prepare.push(bench.runtime.prepareMs);
      const held = bench.runtime.bases.get(uai)!;
      const recorded = bench.runtime.contents.get(baseId);
      if (restored.baseState !== 'stopped' || held.state !== 'stopped' || !('object' in held.content) || held.content.object.key !== recorded?.key) {
        throw new Error('the restored base is not the staged object recorded as its content');
      }
      staged = held.content.object;
      // Safety backups are keyed by the second: two rounds must not share one.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    raw.push(await rawGet(bench, point.objectKey));
    // Outside the timings: the last round's restored base is the backup's bytes, read back whole.
    const restoredBytes = await bench.store.sha256Of(staged!.key);
    if (restoredBytes.size !== big.length || restoredBytes.sha256 !== point.sha256) throw new Error('the restored base is not the backup');

    const rawMs = median(raw);
    const projectMs = median(project);
    const ratio = projectMs / rawMs;
    const list = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(', ');
    log(`${BYTES / 1024 / 1024} MB: restore ${list(project)} ms (runtime prepare ${list(prepare)} ms); raw GET ${list(raw)} ms`);
    reportResult({
      name: 'backups-restore',
      project: { label: 'restore with sha256 verified', value: projectMs, unit: 'ms' },
      baseline: { label: 'raw GET of the object', value: rawMs, unit: 'ms' },
      ratio,
      figures: [
        { label: 'base size', value: BYTES / 1024 / 1024, unit: 'MB' },
        { label: 'of which: runtime prepare (one verified read || staging copy)', value: median(prepare), unit: 'ms' },
        { label: 'prepare / raw GET', value: median(prepare) / rawMs, unit: '×' },
        { label: 'of which: the rest (status, stop, safety backup, commit, record)', value: median(project.map((ms, i) => ms - prepare[i]!)), unit: 'ms' },
        { label: 'median of each round: restore / mean of the raw GETs around it', value: median(project.map((ms, i) => ms / ((raw[i]! + raw[i + 1]!) / 2))), unit: '×' },
      ],
      targets: [{ label: 'restore ≤ 1.3× raw GET', met: ratio <= 1.3 }],
    });
  } finally {
    await bench.close();
  }
}

await main();
