/**
 * The worker: consumes the queue and runs each task to its end. On stop (SIGTERM) it
 * takes no new work, lets the tasks in hand finish for a grace period, then aborts them;
 * an aborted task is released (PENDING again, its attempt refunded) for another worker.
 */
import { KotaeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { QueueConsumer, TaskQueue } from '../core/ports/task-queue.ts';
import { SHUTDOWN, type TaskRunner } from './task-runner.ts';

export interface Worker {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createWorker(deps: {
  queue: TaskQueue;
  runner: TaskRunner;
  logger: Logger;
  shutdownGraceMs: number;
}): Worker {
  const shutdown = new AbortController();
  let consumer: QueueConsumer | null = null;
  let stopping = false;

  return {
    async start() {
      consumer = await deps.queue.consume(async ({ taskId }) => {
        if (stopping) throw new KotaeError('worker_stopping', 'The worker is stopping', { retryable: true });
        await deps.runner.run(taskId, shutdown.signal);
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const grace = setTimeout(() => shutdown.abort(SHUTDOWN), deps.shutdownGraceMs);
      try {
        await consumer?.stop();
      } finally {
        clearTimeout(grace);
      }
      deps.logger.info('worker stopped');
    },
  };
}
