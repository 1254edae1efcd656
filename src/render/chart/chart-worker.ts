/**
 * The entry point of one chart worker thread: Chart.js and the CJK fonts are loaded and
 * registered once, here, by drawing one throwaway chart before saying "ready"; then it
 * renders one chart per message and hands the PNG back without copying it.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { isKotaeError, KotaeError } from '../../core/errors.ts';
import { LOCALES } from '../../core/locale.ts';
import type { ChartJob, ChartWorkerMessage } from './chart-protocol.ts';
import { renderChart } from './render-chart.ts';

const port = parentPort;
if (port === null)
  throw new KotaeError('not_in_worker_thread', 'chart-worker.ts must run in a worker thread');

// Below the main thread: on a busy machine the thread that acks Slack gets the CPU first.
// On Linux this applies to this thread only; where it is not allowed, charts still draw.
try {
  setPriority(10);
} catch {
  // Not permitted here: keep the default priority.
}

await renderChart(
  { type: 'bar', title: '準備', x: 'k', y: ['v'], data: [{ k: 'a', v: 1 }] },
  // A warm-up with no timestamps: any time zone draws it the same.
  { locale: LOCALES[0], width: 200, height: 200, timeZone: 'UTC' },
).catch(() => undefined);

port.on('message', (job: ChartJob) => {
  void renderChart(job.spec, job.options).then(
    (png) => {
      const buffer = png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer;
      const message: ChartWorkerMessage = { type: 'result', id: job.id, ok: true, png: buffer };
      port.postMessage(message, [buffer]);
    },
    (error: unknown) => {
      const message: ChartWorkerMessage = {
        type: 'result',
        id: job.id,
        ok: false,
        code: isKotaeError(error) ? error.code : 'chart.render_failed',
        message: error instanceof Error ? error.message : String(error),
        params: isKotaeError(error) ? (error.userParams as Record<string, string | number>) : {},
      };
      port.postMessage(message);
    },
  );
});
port.postMessage({ type: 'ready' } satisfies ChartWorkerMessage);
