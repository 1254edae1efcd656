/**
 * Charts off the main thread: the main thread's CPU per chart (goal < 2 ms) and the
 * longest event-loop stall while 50 charts render at once (goal ≤ 50 ms), for the worker
 * pool and, side by side, for renderChart on the main thread.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createChartPool } from '../src/render/chart/chart-pool.ts';
import { renderChart } from '../src/render/chart/render-chart.ts';
import type { BenchReport } from './bench-row.ts';
import { STORE_SALES_CHART } from './store-sales-chart.ts';

const CHARTS = 50;
const SPEC = STORE_SALES_CHART;

/** CPU time of this thread only (Node ≥ 23.9); the process total elsewhere. */
function threadCpuMs(): number {
  const usage =
    (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function burst(
  render: () => Promise<Uint8Array>,
): Promise<{ cpuPerChartMs: number; maxStallMs: number; wallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const cpu = threadCpuMs();
  const started = performance.now();
  histogram.enable();
  // A ticker keeps the loop observable while the renders are in flight.
  const ticker = setInterval(() => {}, 5);
  await Promise.all(Array.from({ length: CHARTS }, () => render()));
  clearInterval(ticker);
  histogram.disable();
  return {
    cpuPerChartMs: (threadCpuMs() - cpu) / CHARTS,
    maxStallMs: histogram.max / 1e6,
    wallMs: performance.now() - started,
  };
}

export async function bench(report: BenchReport): Promise<void> {
  const pool = createChartPool();
  try {
    // Warm both paths: workers started, Chart.js and fonts loaded on each side.
    await Promise.all(
      Array.from({ length: 8 }, () => pool.render(SPEC, { locale: 'ja', timeZone: 'Asia/Tokyo' })),
    );
    await renderChart(SPEC, { locale: 'ja', timeZone: 'Asia/Tokyo' });
    const runs = {
      pool: [] as Array<Awaited<ReturnType<typeof burst>>>,
      inline: [] as Array<Awaited<ReturnType<typeof burst>>>,
    };
    for (let round = 0; round < 3; round++) {
      runs.pool.push(await burst(() => pool.render(SPEC, { locale: 'ja', timeZone: 'Asia/Tokyo' })));
      runs.inline.push(await burst(() => renderChart(SPEC, { locale: 'ja', timeZone: 'Asia/Tokyo' })));
    }
    const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const note = `median of 3 bursts of ${CHARTS}; pool of ${process.env['CHART_POOL_SIZE'] ?? 'default size'}`;
    report({
      name: 'main-thread CPU per chart, pool',
      value: mid(runs.pool.map((r) => r.cpuPerChartMs)),
      unit: 'ms',
      note,
    });
    report({
      name: 'main-thread CPU per chart, inline',
      value: mid(runs.inline.map((r) => r.cpuPerChartMs)),
      unit: 'ms',
      note,
    });
    report({
      name: `longest loop stall, ${CHARTS} at once, pool`,
      value: mid(runs.pool.map((r) => r.maxStallMs)),
      unit: 'ms',
      note,
    });
    report({
      name: `longest loop stall, ${CHARTS} at once, inline`,
      value: mid(runs.inline.map((r) => r.maxStallMs)),
      unit: 'ms',
      note,
    });
    report({ name: `wall time for ${CHARTS}, pool`, value: mid(runs.pool.map((r) => r.wallMs)), unit: 'ms' });
    report({
      name: `wall time for ${CHARTS}, inline`,
      value: mid(runs.inline.map((r) => r.wallMs)),
      unit: 'ms',
    });
  } finally {
    await pool.close();
  }
}
