/**
 * The one owner of task recovery, for every topology. It re-queues the tasks that need a
 * worker: PENDING tasks (their message may have been lost with the process that took them)
 * and RUNNING tasks whose lease expired (their worker died). It runs on a periodic sweep,
 * with the in-process queue as with Pub/Sub. A duplicate message is harmless: the claim
 * turns it into a no-op (and the in-process queue drops ids it already holds).
 *
 * In the embedded single-process mode (`kotae dev`, in-process queue) the start-up sweep
 * also takes back at once every RUNNING task leased by another instance: that instance
 * can only be a dead earlier process, so waiting for its lease would only delay the answer.
 */
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { TaskRecovery } from '../core/ports/task-recovery.ts';

export async function recoverTasks(deps: {
  tasks: TaskRecovery;
  queue: TaskQueue;
  now: Date;
  /** Only PENDING tasks older than this are re-queued (0 at start-up: all of them). */
  pendingGraceMs: number;
  logger: Logger;
}): Promise<number> {
  const ids = await deps.tasks.findRecoverable(deps.now, {
    pendingOlderThan: new Date(deps.now.getTime() - deps.pendingGraceMs),
  });
  for (const id of ids) await deps.queue.publish(id);
  if (ids.length > 0) deps.logger.info('re-queued tasks', { count: ids.length });
  return ids.length;
}

export interface TaskRecoveryOptions {
  /** This process's lease-owner identity (the worker id it claims tasks with). */
  instanceId: string;
  /** Embedded single-process mode: sweep at start-up, reclaiming other instances' tasks. */
  embedded: boolean;
  intervalMs: number;
  /** PENDING tasks younger than this are left to their own message on the periodic sweep. */
  pendingGraceMs: number;
}

/** Starts recovery; resolves once the start-up sweep is done. Returns the stop function. */
export async function startTaskRecovery(
  deps: { tasks: TaskRecovery; queue: TaskQueue; clock: Clock; logger: Logger },
  options: TaskRecoveryOptions,
): Promise<() => Promise<void>> {
  const { tasks, queue, clock, logger } = deps;
  if (options.embedded) {
    const reclaimed = await tasks.reclaimFromOtherOwners(options.instanceId);
    if (reclaimed.length > 0)
      logger.info('took back tasks of a dead instance', { count: reclaimed.length, taskIds: reclaimed });
    await recoverTasks({ tasks, queue, now: clock.now(), pendingGraceMs: 0, logger });
  }
  let sweeping: Promise<unknown> = Promise.resolve();
  const tick = setInterval(() => {
    sweeping = recoverTasks({
      tasks,
      queue,
      now: clock.now(),
      pendingGraceMs: options.pendingGraceMs,
      logger,
    }).catch((error: unknown) => logger.warn('task recovery failed', { error }));
  }, options.intervalMs);
  tick.unref();
  return async () => {
    clearInterval(tick);
    await sweeping;
  };
}
