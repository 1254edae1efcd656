/**
 * The in-process queue, for the embedded default (`kotae dev`). It only carries task ids;
 * a crash loses its contents, which is why recovery re-queues PENDING tasks and RUNNING
 * tasks whose lease expired, at start-up and periodically (see recover-tasks.ts): the
 * database holds the truth. An id already waiting in the backlog is not queued twice, so
 * the periodic sweep does not grow the backlog of a busy worker.
 */
import { isRetryable, KotaeError } from '../core/errors.ts';
import type { DeliveryHandler, QueueConsumer, QueueDelivery, TaskQueue } from '../core/ports/task-queue.ts';
import type { Logger } from '../core/logger.ts';

export interface MemoryQueueOptions {
  concurrency: number;
  /** Delay before a nacked task is delivered again. */
  retryDelayMs?: (deliveryAttempt: number) => number;
  logger: Logger;
}

const defaultRetryDelay = (attempt: number) => Math.min(30_000, 500 * 2 ** (attempt - 1));

export function createMemoryQueue(options: MemoryQueueOptions): TaskQueue {
  const backlog: QueueDelivery[] = [];
  const waiting = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  let handler: DeliveryHandler | null = null;
  let consuming = false;
  let closed = false;

  function pump(): void {
    while (consuming && handler && inFlight.size < options.concurrency && backlog.length > 0) {
      const delivery = backlog.shift()!;
      waiting.delete(delivery.taskId);
      const run = deliver(handler, delivery).finally(() => {
        inFlight.delete(run);
        pump();
      });
      inFlight.add(run);
    }
  }

  async function deliver(current: DeliveryHandler, delivery: QueueDelivery): Promise<void> {
    try {
      await current(delivery);
    } catch (error) {
      if (!isRetryable(error)) {
        options.logger.error('queue: task handler failed; dropping delivery', {
          taskId: delivery.taskId,
          error,
        });
        return;
      }
      const next = { taskId: delivery.taskId, deliveryAttempt: delivery.deliveryAttempt + 1 };
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (waiting.has(next.taskId)) return;
        waiting.add(next.taskId);
        backlog.push(next);
        pump();
      }, retryDelay(delivery.deliveryAttempt));
      timers.add(timer);
    }
  }

  return {
    async publish(taskId) {
      if (waiting.has(taskId)) return;
      waiting.add(taskId);
      backlog.push({ taskId, deliveryAttempt: 1 });
      queueMicrotask(pump);
    },

    async consume(next): Promise<QueueConsumer> {
      if (handler) throw new KotaeError('queue_consumer_taken', 'The in-process queue has one consumer');
      handler = next;
      consuming = true;
      queueMicrotask(pump);
      return {
        stop: async () => {
          consuming = false;
          await Promise.allSettled([...inFlight]);
        },
      };
    },

    async check() {
      if (closed) throw new KotaeError('queue_closed', 'the in-process queue is closed');
    },

    async close() {
      closed = true;
      consuming = false;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      backlog.length = 0;
      waiting.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
