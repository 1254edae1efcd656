/**
 * Where a benchmark's memory sits: the process's RSS every 20 ms, split (on Linux) into
 * anonymous memory (heaps, WebAssembly memories, native allocations of every thread) and
 * file-backed pages (mapped code: node, DuckDB, canvas, Prisma's engines), beside the main
 * thread's own V8 heap and external memory. Worker threads' heaps and WebAssembly
 * memories (PGlite, QuickJS) show up only in the anonymous part.
 */
import { readFileSync } from 'node:fs';
import type { BenchReport } from './bench-row.ts';

export interface MemorySample {
  at: number;
  rss: number;
  /** RssAnon / RssFile from /proc/self/status; NaN elsewhere. */
  anon: number;
  file: number;
  threads: number;
  heapUsed: number;
  external: number;
}

export interface MemorySampler {
  /** The current sample, kept as a mark for peakSince. */
  mark(): MemorySample;
  /** The sample with the highest RSS taken since the mark. */
  peakSince(mark: MemorySample): MemorySample;
  stop(): void;
}

function procStatus(): { anon: number; file: number; threads: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { anon: field('RssAnon') * 1024, file: field('RssFile') * 1024, threads: field('Threads') };
  } catch {
    return { anon: Number.NaN, file: Number.NaN, threads: Number.NaN };
  }
}

function sample(): MemorySample {
  const usage = process.memoryUsage();
  return {
    at: performance.now(),
    rss: usage.rss,
    ...procStatus(),
    heapUsed: usage.heapUsed,
    external: usage.external,
  };
}

export function startMemorySampler(intervalMs = 20): MemorySampler {
  const samples: MemorySample[] = [sample()];
  const timer = setInterval(() => samples.push(sample()), intervalMs);
  timer.unref();
  return {
    mark() {
      const now = sample();
      samples.push(now);
      return now;
    },
    peakSince(mark) {
      samples.push(sample());
      return samples.filter((s) => s.at >= mark.at).reduce((peak, s) => (s.rss > peak.rss ? s : peak), mark);
    },
    stop: () => clearInterval(timer),
  };
}

const MB = 2 ** 20;

export function reportMemory(
  report: BenchReport,
  marks: { started: MemorySample; before: MemorySample; peak: MemorySample },
): void {
  report({
    name: 'RSS once started',
    value: marks.started.rss / MB,
    unit: 'MB',
    note: 'before any question',
  });
  report({
    name: 'RSS before the burst',
    value: marks.before.rss / MB,
    unit: 'MB',
    note: 'after one warm-up',
  });
  const { peak } = marks;
  report({
    name: 'at peak: anonymous / file-backed',
    value: peak.anon / MB,
    unit: 'MB anon',
    note: `${(peak.file / MB).toFixed(0)} MB file-backed (code), ${peak.threads} OS threads`,
  });
  report({
    name: 'at peak: main-thread V8 heap',
    value: peak.heapUsed / MB,
    unit: 'MB',
    note: `${(peak.external / MB).toFixed(0)} MB external; the rest of anon is worker threads, WebAssembly, native`,
  });
}
