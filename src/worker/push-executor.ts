/**
 * Runs tasks delivered by Pub/Sub push (see core/ports/push-delivery.ts for the outcomes).
 * At most `concurrency` (WORKER_CONCURRENCY, as for pull) run at once. A push request is
 * held while its task runs, but never past `handoffMs` (kept under the subscription's ack
 * deadline): a longer task keeps running under its lease and the request is acked, so
 * Pub/Sub does not redeliver it mid-run. The database is the store for retry: a handed-off
 * task whose worker dies is re-queued by recovery once its lease expires.
 */
import { isRetryable } from '../core/errors.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { PushOutcome } from '../core/ports/push-delivery.ts';
import type { TaskReader } from '../core/ports/task-reader.ts';
import { SHUTDOWN, type TaskRunner } from './task-runner.ts';

export interface PushExecutor {
  run(taskId: string): Promise<PushOutcome>;
  /** Refuses new deliveries, lets those in hand finish for the grace period, then releases them. */
  stop(): Promise<void>;
}

export function createPushExecutor(deps: {
  runner: TaskRunner;
  tasks: TaskReader;
  workerId: string;
  concurrency: number;
  handoffMs: number;
  shutdownGraceMs: number;
  clock: Clock;
  logger: Logger;
}): PushExecutor {
  const shutdown = new AbortController();
  const inHand = new Set<Promise<void>>();
  let stopping = false;

  async function precheck(taskId: string): Promise<PushOutcome | null> {
    const task = await deps.tasks.get(taskId);
    if (!task) {
      deps.logger.warn('push: no such task; acking the message away', { taskId });
      return 'done';
    }
    if (task.status === 'COMPLETED' || task.status === 'FAILED') return 'done';
    const leased = task.status === 'RUNNING' && task.leaseExpiresAt && task.leaseExpiresAt > deps.clock.now();
    if (!leased) return null;
    // Ours: already running in this process (a handed-off task redelivered). Another's: wait.
    return task.leaseOwner === deps.workerId ? 'handed_off' : 'elsewhere';
  }

  return {
    async run(taskId) {
      if (stopping) return 'retry';
      if (inHand.size >= deps.concurrency) return 'busy';
      const early = await precheck(taskId);
      if (early) return early;
      if (inHand.size >= deps.concurrency) return 'busy';

      let outcome: PushOutcome = 'done';
      const work = deps.runner.run(taskId, shutdown.signal).then(
        () => {
          outcome = 'done';
        },
        (error: unknown) => {
          if (isRetryable(error)) outcome = 'retry';
          else {
            deps.logger.error('push: task handler failed', { taskId, error });
            outcome = 'done';
          }
        },
      );
      const tracked = work.finally(() => inHand.delete(tracked));
      inHand.add(tracked);

      let timer: NodeJS.Timeout | undefined;
      const handedOff = new Promise<'handed_off'>((resolve) => {
        timer = setTimeout(() => resolve('handed_off'), deps.handoffMs);
      });
      const first = await Promise.race([tracked.then(() => 'ended' as const), handedOff]);
      clearTimeout(timer);
      if (first === 'handed_off') {
        deps.logger.info('push: task runs on past the ack deadline; acked, kept under its lease', { taskId });
        return 'handed_off';
      }
      return outcome;
    },

    async stop() {
      if (stopping) return;
      stopping = true;
      const grace = setTimeout(() => shutdown.abort(SHUTDOWN), deps.shutdownGraceMs);
      try {
        await Promise.allSettled([...inHand]);
      } finally {
        clearTimeout(grace);
      }
    },
  };
}
