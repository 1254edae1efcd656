/** One line of benchmark output: `kotae bench` prints these. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** Nearest-rank percentile. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
