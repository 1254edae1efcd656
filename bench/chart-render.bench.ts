/**
 * Chart rendering: time per PNG (median, p99 over 1,000 renders) and RSS growth per 1,000
 * renders (goal ≤ 20 MB), for our renderChart and, in the same run, for stock Chart.js on
 * @napi-rs/canvas drawing the same bars (chartjs-node-canvas cannot install here: `canvas`
 * needs a native build).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { renderChart } from '../src/render/chart/render-chart.ts';
import { renderPlainChartJs } from './plain-chartjs-baseline.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';
import { STORE_SALES_CHART } from './store-sales-chart.ts';

const RENDERS = 1_000;
const WARM_UP = 100;
const SPEC = STORE_SALES_CHART;

/** A full GC before reading RSS, so the number is what stays, not what awaits collection. */
const collect: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
})();

interface Measurement {
  times: number[];
  /** Process CPU time (all threads) per render: unlike wall time, not inflated by other load on a shared machine. */
  cpuMs: number;
  rssGrowthMb: number;
  /** V8 heap after a full GC: steadier than RSS, and where a JavaScript-side leak would show. */
  heapGrowthMb: number;
}

async function measure(render: () => Promise<Uint8Array>): Promise<Measurement> {
  for (let i = 0; i < WARM_UP; i++) await render();
  collect();
  const before = process.memoryUsage();
  const cpu = process.cpuUsage();
  const times: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    const started = performance.now();
    await render();
    times.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  collect();
  return {
    times,
    cpuMs: (used.user + used.system) / 1000 / RENDERS,
    rssGrowthMb: (process.memoryUsage().rss - before.rss) / 1024 / 1024,
    heapGrowthMb: (process.memoryUsage().heapUsed - before.heapUsed) / 1024 / 1024,
  };
}

export async function bench(report: BenchReport): Promise<void> {
  const ours = await measure(() => renderChart(SPEC, { locale: 'ja', timeZone: 'Asia/Tokyo' }));
  const plain = await measure(() =>
    renderPlainChartJs(
      SPEC.data.map((row) => row.store),
      SPEC.data.map((row) => row.sales),
      800,
      450,
    ),
  );
  const note = `800×450 bar, 12 Japanese categories, ${RENDERS} renders`;
  report({ name: 'renderChart median', value: median(ours.times), unit: 'ms', note });
  report({ name: 'renderChart p99', value: percentile(ours.times, 99), unit: 'ms' });
  report({ name: 'renderChart CPU time per render', value: ours.cpuMs, unit: 'ms', note: 'all threads' });
  report({
    name: 'renderChart RSS growth per 1,000 renders',
    value: ours.rssGrowthMb,
    unit: 'MB',
    note: 'goal ≤ 20 MB',
  });
  report({
    name: 'renderChart V8 heap growth per 1,000 renders',
    value: ours.heapGrowthMb,
    unit: 'MB',
    note: 'after GC',
  });
  report({
    name: 'plain Chart.js + @napi-rs/canvas median',
    value: median(plain.times),
    unit: 'ms',
    note: 'same bars, stock options',
  });
  report({ name: 'plain Chart.js + @napi-rs/canvas p99', value: percentile(plain.times, 99), unit: 'ms' });
  report({ name: 'plain Chart.js CPU time per render', value: plain.cpuMs, unit: 'ms' });
  report({ name: 'plain Chart.js RSS growth per 1,000 renders', value: plain.rssGrowthMb, unit: 'MB' });
  report({ name: 'plain Chart.js V8 heap growth per 1,000 renders', value: plain.heapGrowthMb, unit: 'MB' });
  report({ name: 'renderChart / plain median', value: median(ours.times) / median(plain.times), unit: '×' });
  report({ name: 'renderChart / plain CPU time', value: ours.cpuMs / plain.cpuMs, unit: '×' });
}
