/**
 * Re-queues the tasks that need a worker: PENDING tasks (their message may have been lost
 * with the process that took them) and RUNNING tasks whose lease expired (their worker
 * died). Runs at start-up and on the scheduler tick. A duplicate message is harmless:
 * the claim turns it into a no-op.
 */
import type { Logger } from '../core/logger.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { TaskStore } from '../store/task-store.ts';

export async function recoverTasks(deps: {
  tasks: TaskStore;
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
