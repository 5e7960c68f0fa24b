/**
 * Keeps the benchmarks working: each of them runs in quick mode (BENCH_QUICK=1, a few seconds of
 * load) through the real runner, and must print its figure, its same-run baseline and their ratio.
 * The figures themselves are not judged here (a loaded test machine says nothing about performance).
 */
import { runQuick } from './support/run-quick.js';

/** The benchmark's row of the summary table: | name | <n> <unit> | <n> <unit> | <r>× | ... */
function summaryRow(output: string, benchmark: string, unit: string, latency = true): { project: number; baseline: number; ratio: number } {
  const number = String.raw`(\d+(?:\.\d+)?)`;
  const row = new RegExp(String.raw`\| ${benchmark} +\| ${number} ${unit} +\| ${number} \S+ +\| ${number}× +\|${latency ? String.raw`.*p99 ${number} ms` : ''}`).exec(output);
  if (!row) throw new Error(`no summary row for ${benchmark} in:\n${output}`);
  return { project: Number(row[1]), baseline: Number(row[2]), ratio: Number(row[3]) };
}

describe('benchmarks (quick mode)', () => {
  it('run the event pipeline, the gateway read path and the connection events, printing figures, baselines and ratios', async () => {
    // In parallel to stay short: the figures are disturbed, only the reporting is checked.
    const [pipeline, gateway, connections] = await Promise.all([runQuick('event-pipeline'), runQuick('gateway-read'), runQuick('connection-events')]);

    expect({ code: pipeline.code, tail: pipeline.output.slice(-2000) }).toMatchObject({ code: 0 });
    const events = summaryRow(pipeline.output, 'event-pipeline', 'events/s');
    expect(events.project).toBeGreaterThan(0);
    expect(events.baseline).toBeGreaterThan(events.project);
    expect(events.ratio).toBeCloseTo(events.project / events.baseline, 1);
    expect(pipeline.output).toContain('every committed event handled exactly once');
    // The floor (the least a pipeline can do on this machine) ran in the same run and was reported.
    expect(pipeline.output).toMatch(/floor \(minimal pipeline\) ratio: \d/);
    expect(pipeline.output).toContain('target floor: every committed event handled exactly once');

    expect({ code: gateway.code, tail: gateway.output.slice(-2000) }).toMatchObject({ code: 0 });
    const reads = summaryRow(gateway.output, 'gateway-read', 'req/s');
    expect(reads.project).toBeGreaterThan(0);
    expect(reads.baseline).toBeGreaterThan(0);
    expect(reads.ratio).toBeCloseTo(reads.project / reads.baseline, 1);

    expect({ code: connections.code, tail: connections.output.slice(-2000) }).toMatchObject({ code: 0 });
    const applied = summaryRow(connections.output, 'connection-events', 'events/s', false);
    expect(applied.project).toBeGreaterThan(0);
    expect(applied.ratio).toBeCloseTo(applied.project / applied.baseline, 1);
    expect(connections.output).toContain('target every event applied once, connections and seats as expected');
  }, 240_000);
});
