/**
 * Restoring a 200 MB base through the backups service's real restore path (`RestoreService.restore`:
 * sha256 re-verified, the base in service stopped after confirmation, a safety backup of the live
 * base, then the runtime reads and checks the point's object again and copies it server-side to the base's content
 * key, which `bases` records), against a raw
 * GET of the same object (read to the end, nothing else), measured in the same run before and after.
 * The live base replaced is the seed's 436 KB, so its safety backup is small. Quick: 20 MB.
 */
import { backupsBenchEnv } from './support/backups/backups-bench-env.js';
import { baseContent, school, schoolsInService, startBackupsBench, type BackupsBench } from './support/backups/backups-bench.js';
import { log, reportResult } from './support/result.js';

const ROUNDS = 3;
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
    const verify: number[] = [];
    const runtimeLoad: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      raw.push(await rawGet(bench, point.objectKey));
      // Entries were made since the backup: the live base is another one, in service.
      bench.runtime.bases.set(uai, { baseId, state: 'in_service', content: live, lastEntryAt: new Date().toISOString() });
      const verifyStarted = performance.now();
      await bench.store.sha256Of(point.objectKey);
      verify.push(performance.now() - verifyStarted);
      bench.runtime.restoreMs = 0;
      const started = performance.now();
      const restored = await bench.core.restore.restore({ uai, restorePointId: point.id, confirmStop: true, acknowledgeCorrupt: false, actor: 'bench' });
      project.push(performance.now() - started);
      runtimeLoad.push(bench.runtime.restoreMs);
      const held = bench.runtime.bases.get(uai)!;
      if (restored.baseState !== 'stopped' || held.state !== 'stopped' || !held.content.equals(big)) throw new Error('the restored base is not the backup');
      // Safety backups are keyed by the second: two rounds must not share one.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    raw.push(await rawGet(bench, point.objectKey));

    const rawMs = median(raw);
    const projectMs = median(project);
    const ratio = projectMs / rawMs;
    log(`${BYTES / 1024 / 1024} MB: restore ${project.map((ms) => ms.toFixed(0)).join(', ')} ms; raw GET ${raw.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    reportResult({
      name: 'backups-restore',
      project: { label: 'restore with sha256 verified', value: projectMs, unit: 'ms' },
      baseline: { label: 'raw GET of the object', value: rawMs, unit: 'ms' },
      ratio,
      figures: [
        { label: 'base size', value: BYTES / 1024 / 1024, unit: 'MB' },
        { label: 'of which: backups-side sha256 re-read (alone, same round)', value: median(verify), unit: 'ms' },
        { label: 'of which: runtime read + check + server-side copy to the content key', value: median(runtimeLoad), unit: 'ms' },
        { label: 'verify alone / raw GET', value: median(verify) / rawMs, unit: '×' },
      ],
      targets: [{ label: 'restore ≤ 1.3× raw GET', met: ratio <= 1.3 }],
    });
  } finally {
    await bench.close();
  }
}

await main();
