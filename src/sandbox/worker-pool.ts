/**
 * A warm pool of sandbox worker threads. Workers start ahead of time (a cold start is about
 * 150 ms) and are reused. Each job gets a hard deadline: when the QuickJS interrupt handler
 * cannot fire (a long C builtin such as `new Array(1e9) + ''`), the worker is terminated from
 * outside and replaced. A worker that crashes, or asks to be recycled, is replaced too.
 *
 * Idle workers are unref'd, so a forgotten pool never keeps the process alive; a worker is
 * ref'd while it runs a job or while jobs wait for it.
 */
import { Worker } from 'node:worker_threads';
import type { RunJob, RunReply, WorkerMessage, WorkerSetup } from './worker-protocol.ts';
import { WORKER_YOUNG_GENERATION_MB } from '../core/worker-heap.ts';

export type PoolOutcome =
  | { kind: 'reply'; reply: RunReply }
  | { kind: 'deadline'; durationMs: number }
  | { kind: 'crash'; message: string; durationMs: number };

export interface WorkerPoolOptions {
  size: number;
  workerUrl: URL;
  setup: WorkerSetup;
  /** From dispatch to the worker until it is terminated. */
  hardDeadlineMs: number;
  /**
   * Start the workers with the first job instead of at once (default false). Each warm
   * worker holds a QuickJS build and its VM (tens of MB); a process whose questions never
   * reach the sandbox should not pay for them.
   */
  startOnFirstJob?: boolean;
}

export interface WorkerPool {
  run(job: RunJob): Promise<PoolOutcome>;
  close(): Promise<void>;
}

interface Task {
  job: RunJob;
  resolve: (outcome: PoolOutcome) => void;
  dispatchedAt: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'retired';
  task?: Task;
}

/** Start failures in a row after which queued jobs fail instead of waiting forever. */
const MAX_START_FAILURES = 3;

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const slots = new Set<Slot>();
  const queue: Task[] = [];
  const exiting = new Set<Promise<number>>();
  let startFailures = 0;
  let closed = false;

  const spawn = () => {
    const worker = new Worker(options.workerUrl, {
      workerData: options.setup,
      // A backstop for the worker's own V8 heap (job strings); the VM's memory is wasm, capped separately.
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, state: 'starting' };
    slots.add(slot);
    worker.on('message', (message: WorkerMessage) => onMessage(slot, message));
    worker.on('error', (error) => onExit(slot, `the sandbox worker failed: ${error.message}`));
    worker.on('exit', (code) => onExit(slot, `the sandbox worker exited (code ${code})`));
    refreshRefs();
  };

  const retire = (slot: Slot) => {
    if (slot.state === 'retired') return;
    slot.state = 'retired';
    slots.delete(slot);
    clearTimeout(slot.task?.timer);
    const exit = slot.worker.terminate();
    exiting.add(exit);
    void exit.finally(() => exiting.delete(exit));
  };

  const replace = (slot: Slot) => {
    retire(slot);
    if (!closed) spawn();
  };

  const settle = (slot: Slot, outcome: PoolOutcome) => {
    const task = slot.task;
    slot.task = undefined;
    if (task === undefined) return;
    clearTimeout(task.timer);
    task.resolve(outcome);
  };

  const onMessage = (slot: Slot, message: WorkerMessage) => {
    if (slot.state === 'retired') return;
    if (message.type === 'ready') {
      startFailures = 0;
      slot.state = 'idle';
    } else if (slot.task !== undefined && message.reply.id === slot.task.job.id) {
      settle(slot, { kind: 'reply', reply: message.reply });
      if (message.reply.recycle) replace(slot);
      else slot.state = 'idle';
    }
    pump();
  };

  const onExit = (slot: Slot, reason: string) => {
    if (slot.state === 'retired') return;
    const wasStarting = slot.state === 'starting';
    const task = slot.task;
    if (task !== undefined) {
      settle(slot, { kind: 'crash', message: reason, durationMs: performance.now() - task.dispatchedAt });
    }
    retire(slot);
    if (wasStarting) startFailures += 1;
    if (startFailures >= MAX_START_FAILURES) {
      for (const waiting of queue.splice(0)) {
        waiting.resolve({ kind: 'crash', message: `the sandbox could not start: ${reason}`, durationMs: 0 });
      }
    } else if (!closed) spawn();
    pump();
  };

  const dispatch = (slot: Slot, task: Task) => {
    slot.state = 'busy';
    slot.task = task;
    task.dispatchedAt = performance.now();
    task.timer = setTimeout(() => {
      settle(slot, { kind: 'deadline', durationMs: performance.now() - task.dispatchedAt });
      replace(slot);
      pump();
    }, options.hardDeadlineMs);
    slot.worker.postMessage(task.job);
  };

  const pump = () => {
    for (const slot of slots) {
      const task = slot.state === 'idle' ? queue.shift() : undefined;
      if (task !== undefined && slot.state === 'idle') dispatch(slot, task);
    }
    refreshRefs();
  };

  const refreshRefs = () => {
    for (const slot of slots) {
      const needed = slot.state === 'busy' || (queue.length > 0 && slot.state === 'starting');
      if (needed) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  let started = options.startOnFirstJob !== true;
  if (started) for (let i = 0; i < options.size; i++) spawn();

  return {
    run(job) {
      if (closed) return Promise.resolve({ kind: 'crash', message: 'the sandbox is closed', durationMs: 0 });
      if (!started) {
        started = true;
        for (let i = 0; i < options.size; i++) spawn();
      }
      // After repeated start failures, a new job tries again rather than failing forever.
      if (startFailures >= MAX_START_FAILURES && slots.size === 0) {
        startFailures = 0;
        for (let i = 0; i < options.size; i++) spawn();
      }
      return new Promise<PoolOutcome>((resolve) => {
        queue.push({ job, resolve, dispatchedAt: 0 });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) {
        task.resolve({ kind: 'crash', message: 'the sandbox is closed', durationMs: 0 });
      }
      for (const slot of [...slots]) {
        if (slot.task !== undefined) {
          settle(slot, { kind: 'crash', message: 'the sandbox is closed', durationMs: 0 });
        }
        retire(slot);
      }
      await Promise.allSettled([...exiting]);
    },
  };
}
