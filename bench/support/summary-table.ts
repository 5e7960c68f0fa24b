import { type BenchResult, formatFigure } from './result.js';

export interface BenchOutcome {
  name: string;
  result?: BenchResult;
  /** Why there is no result (crash, exit code). */
  failure?: string;
  durationMs: number;
}

/** One row per benchmark: the figure, the same-run baseline, the ratio, latencies, targets. */
export function summaryTable(outcomes: BenchOutcome[]): string {
  const header = ['benchmark', 'project', 'raw baseline (same run)', 'ratio', 'latency', 'targets', 'took'];
  const rows = outcomes.map((outcome) => {
    const took = `${(outcome.durationMs / 1000).toFixed(0)} s`;
    const result = outcome.result;
    if (!result) return [outcome.name, `FAILED: ${outcome.failure ?? 'no result'}`, '', '', '', '', took];
    return [
      result.name,
      formatFigure(result.project),
      formatFigure(result.baseline),
      `${result.ratio.toFixed(2)}×`,
      result.figures.map((figure) => `${figure.label} ${formatFigure(figure)}`).join(', '),
      result.targets.map((target) => `${target.met ? 'met' : 'MISSED'}: ${target.label}`).join('; '),
      took,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
