/**
 * What a benchmark reports. Each `*.bench.ts` prints its human-readable lines, then exactly one
 * `BENCH_RESULT <json>` line that `bench/run.ts` collects into the summary table.
 */
export interface Figure {
  label: string;
  value: number;
  unit: string;
}

export interface Target {
  label: string;
  met: boolean;
}

export interface BenchResult {
  name: string;
  /** The project's figure (events/s, req/s). */
  project: Figure;
  /** The raw infrastructure measured in the same run. */
  baseline: Figure;
  /** project / baseline. */
  ratio: number;
  /** Latency percentiles and other secondary figures. */
  figures: Figure[];
  targets: Target[];
}

export const RESULT_MARKER = 'BENCH_RESULT ';

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toString();
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatFigure(figure: Figure): string {
  return `${formatNumber(figure.value)} ${figure.unit}`;
}

/** Prints the result for a human, then the machine-readable line. */
export function reportResult(result: BenchResult): void {
  const lines = [
    `${result.name}: ${result.project.label} ${formatFigure(result.project)} vs ${result.baseline.label} ${formatFigure(result.baseline)}` +
      ` → ratio ${result.ratio.toFixed(2)}×`,
    ...result.figures.map((figure) => `  ${figure.label}: ${formatFigure(figure)}`),
    ...result.targets.map((target) => `  target ${target.label}: ${target.met ? 'met' : 'MISSED'}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

export function parseResultLine(line: string): BenchResult | undefined {
  if (!line.startsWith(RESULT_MARKER)) return undefined;
  return JSON.parse(line.slice(RESULT_MARKER.length)) as BenchResult;
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}
