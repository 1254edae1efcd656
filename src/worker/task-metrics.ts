/**
 * Task metrics without touching the runner: the task store the runner uses reports each
 * claim (queue wait: creation to claim) and each end (completed, failed, retried,
 * released at shutdown) with the time since the claim, and for a completed task the time
 * to answer (creation to completion, as `/kotae usage` counts it); the handler's steps report their
 * tool and outcome. The store is the one place every path of the runner passes through.
 */
import type { Clock } from '../core/clock.ts';
import type { Metrics } from '../core/ports/metrics.ts';
import type { TaskHandler } from '../core/ports/task-handler.ts';
import type { TaskLifecycle } from '../core/ports/task-lifecycle.ts';

export function meteredTaskStore<T extends TaskLifecycle>(tasks: T, metrics: Metrics, clock: Clock): T {
  const running = new Map<string, { kind: string; claimedAt: number; createdAt: number }>();
  const finish = (taskId: string, outcome: 'completed' | 'failed' | 'retried' | 'released') => {
    const claimed = running.get(taskId);
    if (!claimed) return;
    running.delete(taskId);
    const now = clock.now().getTime();
    if (outcome === 'completed') {
      metrics.timeToAnswer({ kind: claimed.kind, seconds: Math.max(0, now - claimed.createdAt) / 1000 });
    }
    metrics.taskFinished({
      kind: claimed.kind,
      outcome,
      seconds: (now - claimed.claimedAt) / 1000,
    });
  };
  return {
    ...tasks,
    async claim(taskId, owner, leaseMs, now) {
      const task = await tasks.claim(taskId, owner, leaseMs, now);
      if (task) {
        running.set(taskId, {
          kind: task.kind,
          claimedAt: clock.now().getTime(),
          createdAt: task.createdAt.getTime(),
        });
        metrics.taskClaimed({
          kind: task.kind,
          queueWaitSeconds: (now.getTime() - task.createdAt.getTime()) / 1000,
        });
      }
      return task;
    },
    async complete(taskId, owner, now) {
      const done = await tasks.complete(taskId, owner, now);
      if (done) finish(taskId, 'completed');
      return done;
    },
    async fail(taskId, owner, error, now) {
      const done = await tasks.fail(taskId, owner, error, now);
      finish(taskId, 'failed');
      return done;
    },
    async release(taskId, owner, options) {
      const done = await tasks.release(taskId, owner, options);
      finish(taskId, options.refundAttempt ? 'released' : 'retried');
      return done;
    },
  };
}

/** Reports each step the handler starts, by the tool it names ("none" when it names none). */
export function meteredHandler(handler: TaskHandler, metrics: Metrics): TaskHandler {
  return {
    run: (context) =>
      handler.run({
        ...context,
        startStep(label, detail) {
          const step = context.startStep(label, detail);
          const tool = typeof detail?.['tool'] === 'string' ? detail['tool'] : 'none';
          return {
            finish(outcome) {
              metrics.step({ tool, outcome: outcome?.error ? 'error' : 'ok' });
              step.finish(outcome);
            },
          };
        },
      }),
  };
}
