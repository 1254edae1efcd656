/**
 * Keeps a claimed task's lease alive while it runs, extending it every third of the
 * lease. If an extension fails (another worker took the task after our lease expired,
 * e.g. after a long GC pause), the task's work is aborted: only the lease owner may
 * finish it.
 */
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { TaskLifecycle } from '../core/ports/task-lifecycle.ts';

export const LEASE_LOST = 'lease_lost';

export function keepLease(deps: {
  tasks: Pick<TaskLifecycle, 'extendLease'>;
  taskId: string;
  owner: string;
  leaseMs: number;
  clock: Clock;
  logger: Logger;
  controller: AbortController;
}): { stop(): void } {
  const timer = setInterval(
    () => {
      deps.tasks
        .extendLease(deps.taskId, deps.owner, deps.leaseMs, deps.clock.now())
        .then((held) => {
          if (!held && !deps.controller.signal.aborted) {
            deps.logger.warn('lease lost; abandoning task', { taskId: deps.taskId });
            deps.controller.abort(LEASE_LOST);
          }
        })
        .catch((error: unknown) =>
          deps.logger.warn('lease extension failed', { taskId: deps.taskId, error }),
        );
    },
    Math.max(250, Math.floor(deps.leaseMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
