/** One measured number a benchmark reports. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export type BenchReport = (row: BenchRow) => void;

/** A benchmark module (bench/*.bench.ts) exports one of these as `bench`. */
export type Benchmark = (report: BenchReport) => Promise<void>;

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
