/**
 * `npm run bench [name-filter…]`: runs every bench/*.bench.ts in turn
 * (one at a time: these machines are small and shared) and prints one table. Numbers are
 * medians and ratios measured side by side in the same run; they are never asserted.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchRow } from './bench-row.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export async function runBenchmarks(filters: string[]): Promise<BenchRow[]> {
  const files = readdirSync(DIR)
    .filter((name) => name.endsWith('.bench.ts') || name.endsWith('.bench.js'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  const rows: Array<BenchRow & { suite: string }> = [];
  for (const file of files) {
    const suite = file.replace(/\.bench\.(ts|js)$/, '');
    process.stdout.write(`\n▶ ${suite}\n`);
    const module = (await import(pathToFileURL(`${DIR}${file}`).href)) as { bench: Benchmark };
    const started = Date.now();
    try {
      await module.bench((row) => {
        rows.push({ ...row, suite });
        process.stdout.write(
          `  ${row.name}: ${formatValue(row.value)} ${row.unit}${row.note ? `  (${row.note})` : ''}\n`,
        );
      });
    } catch (error) {
      process.stdout.write(`  FAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
    process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  writeFileSync(
    'bench-results.json',
    JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2),
  );
  process.stdout.write(
    `\n${rows.length} results from ${files.length} benchmarks; written to bench-results.json\n`,
  );
  return rows;
}
