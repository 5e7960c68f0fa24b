/**
 * Keeps the two backups benchmarks working: each runs in quick mode (150 schools; a 20 MB restore)
 * through the real runner, and must print its figure, its same-run baseline and their ratio. The
 * figures are not judged (a loaded test machine says nothing about performance), only that every
 * backup of the slot was recorded complete and that the restored base is the backup's bytes
 * (each benchmark exits non-zero otherwise).
 */
import { runQuick } from './support/run-quick.js';

/** The benchmark's row of the summary table: | name | <n> <unit> | <n> <unit> | <r>× | ... */
function summaryRow(output: string, benchmark: string, projectUnit: string, baselineUnit: string) {
  const number = String.raw`(\d+(?:\.\d+)?)`;
  const row = new RegExp(String.raw`\| ${benchmark} +\| ${number} ${projectUnit} +\| ${number} ${baselineUnit} +\| ${number}× +\|`).exec(output);
  if (!row) throw new Error(`no summary row for ${benchmark} in:\n${output}`);
  return { project: Number(row[1]), baseline: Number(row[2]), ratio: Number(row[3]) };
}

describe('backups benchmarks (quick mode)', () => {
  it('run one slot of backups and a verified restore, printing figures, raw baselines and ratios', async () => {
    const [slot, restore] = await Promise.all([runQuick('backups-slot'), runQuick('backups-restore')]);

    expect({ code: slot.code, tail: slot.output.slice(-2000) }).toMatchObject({ code: 0 });
    expect(slot.output).toContain('150 backups taken, verified and recorded complete');
    const backups = summaryRow(slot.output, 'backups-slot', 'backups/s', 'PUT/s');
    expect(backups.project).toBeGreaterThan(0);
    expect(backups.baseline).toBeGreaterThan(0);
    expect(backups.ratio).toBeCloseTo(backups.project / backups.baseline, 1);
    expect(slot.output).toMatch(/target throughput ≥ 0\.6× raw PUT: (met|MISSED)/);
    expect(slot.output).toMatch(/slot time for 10000 schools \(extrapolated\): \d/);

    expect({ code: restore.code, tail: restore.output.slice(-2000) }).toMatchObject({ code: 0 });
    const restores = summaryRow(restore.output, 'backups-restore', 'ms', 'ms');
    expect(restores.project).toBeGreaterThan(0);
    expect(restores.baseline).toBeGreaterThan(0);
    expect(restores.ratio).toBeCloseTo(restores.project / restores.baseline, 1);
    expect(restore.output).toMatch(/target restore ≤ 1\.3× raw GET: (met|MISSED)/);
  }, 240_000);
});
