/**
 * Charts drawn off the main thread: a small warm pool of worker threads (like the
 * sandbox's), each with Chart.js and the fonts loaded once. A chart is about 20 ms of CPU;
 * on the main thread fifty of them would stall Slack's acks for a second. The host only
 * posts the spec and receives the PNG (transferred, not copied).
 *
 * A worker that crashes or overruns the hard deadline is replaced and its chart fails with
 * chart.render_failed. Idle workers are unref'd, so a forgotten pool never keeps the
 * process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { chartError, type ChartErrorCode } from './chart-errors.ts';
import type { ChartJob, ChartWorkerMessage } from './chart-protocol.ts';
import type { RenderChartOptions } from './render-chart.ts';
import { WORKER_YOUNG_GENERATION_MB } from '../../core/worker-heap.ts';

export interface ChartPoolOptions {
  /** Worker threads; default 1 to 4, one less than the CPUs. */
  size?: number;
  /**
   * Start the workers with the first chart instead of at once (default false): each one
   * holds Chart.js, canvas and the fonts (about 60 MB).
   */
  startOnFirstChart?: boolean;
  /** From dispatch until a stuck worker is terminated. Default 30 s. */
  hardDeadlineMs?: number;
}

export interface ChartPool {
  render(spec: unknown, options: RenderChartOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

interface Job {
  job: ChartJob;
  resolve(png: Uint8Array): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  retired: boolean;
}

/** The worker entry next to this module: .ts when running from source, .js when built. */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./chart-worker${extension}`, import.meta.url);
}

/**
 * One less than the CPUs, 1 to 4: a chart is ~20 ms of CPU, so one worker draws 50 a second,
 * and on two cores a second worker only competes with the main thread for the other core.
 */
export function defaultChartPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export function createChartPool(options: ChartPoolOptions = {}): ChartPool {
  const size = options.size ?? defaultChartPoolSize();
  const hardDeadlineMs = options.hardDeadlineMs ?? 30_000;
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  /** Workers in a row that died before "ready"; after 3, spawn again only when a chart is asked for. */
  let startFailures = 0;

  const fail = (job: Job, message: string) => {
    clearTimeout(job.timer);
    job.reject(chartError('chart.render_failed', `The chart could not be drawn: ${message}`));
  };

  const spawn = () => {
    const worker = new Worker(workerUrl(), {
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, ready: false, retired: false };
    slots.add(slot);
    worker.on('message', (message: ChartWorkerMessage) => onMessage(slot, message));
    worker.on('error', (error) => onExit(slot, error.message));
    worker.on('exit', (code) => onExit(slot, `the chart worker exited (code ${code})`));
    worker.unref();
  };

  const retire = (slot: Slot) => {
    if (slot.retired) return;
    slot.retired = true;
    slots.delete(slot);
    void slot.worker.terminate();
  };

  const onMessage = (slot: Slot, message: ChartWorkerMessage) => {
    if (slot.retired) return;
    if (message.type === 'ready') {
      slot.ready = true;
      startFailures = 0;
    } else if (slot.job?.job.id === message.id) {
      const job = slot.job;
      slot.job = undefined;
      clearTimeout(job.timer);
      if (message.ok) job.resolve(new Uint8Array(message.png));
      else job.reject(chartError(message.code as ChartErrorCode, message.message, message.params));
    }
    pump();
  };

  const onExit = (slot: Slot, reason: string) => {
    if (slot.retired) return;
    const job = slot.job;
    slot.job = undefined;
    retire(slot);
    if (job) fail(job, reason);
    // A worker that cannot even start fails the waiting charts rather than respawning forever.
    if (!slot.ready) {
      startFailures += 1;
      for (const waiting of queue.splice(0)) fail(waiting, reason);
    }
    if (!closed && startFailures < 3) spawn();
    pump();
  };

  const pump = () => {
    for (const slot of slots) {
      if (!slot.ready || slot.job || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.job = job;
      job.timer = setTimeout(() => {
        if (slot.job !== job) return;
        slot.job = undefined;
        fail(job, `no picture after ${hardDeadlineMs} ms`);
        retire(slot);
        if (!closed) spawn();
        pump();
      }, hardDeadlineMs);
      slot.worker.postMessage(job.job);
    }
    // Keep the process alive only while charts are drawing or waiting.
    for (const slot of slots) {
      if (slot.job || (queue.length > 0 && !slot.ready)) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  if (options.startOnFirstChart !== true) for (let i = 0; i < size; i++) spawn();

  return {
    render(spec, renderOptions) {
      if (closed) return Promise.reject(chartError('chart.render_failed', 'The chart renderer is closed.'));
      while (slots.size < size) spawn();
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ job: { id: nextId++, spec, options: renderOptions }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) fail(job, 'the chart renderer is closed');
      const exits: Promise<number>[] = [];
      for (const slot of [...slots]) {
        if (slot.job) fail(slot.job, 'the chart renderer is closed');
        slot.retired = true;
        slots.delete(slot);
        exits.push(slot.worker.terminate());
      }
      await Promise.allSettled(exits);
    },
  };
}
