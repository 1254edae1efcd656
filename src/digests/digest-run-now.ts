/**
 * `/kotae digest run <id>`: send a digest now, outside its schedule, and report what
 * really happened. The run is an ordinary DIGEST task (same guard, same post, same failure
 * handling) marked manual, so the schedule's next slot is unaffected. The caller waits a
 * short while for the outcome; a run still going after that is reported as still going.
 */
import type { Clock } from '../core/clock.ts';
import { storedLocale } from '../core/stored-locale.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { DigestRunStatus } from '../store/digest-run-store.ts';
import type { Database } from '../store/prisma-client.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../store/subscription-store.ts';
import type { TaskAdmission } from '../core/ports/task-admission.ts';

export type RunNowOutcome = { status: DigestRunStatus; error: string | null };

export function createDigestRunNow(deps: {
  db: Database;
  subscriptions: Pick<SubscriptionStore, 'insertRun'>;
  tasks: TaskAdmission;
  queue: TaskQueue;
  clock: Clock;
  maxAttempts: number;
  /** How long the command waits for the outcome before answering "still running". */
  waitMs: number;
}) {
  return async function runNow(subscription: SubscriptionRecord, requestId: string): Promise<RunNowOutcome> {
    const now = deps.clock.now();
    const { task, created } = await deps.tasks.create({
      kind: 'DIGEST',
      idempotencyKey: `digest:${subscription.id}:manual:${requestId}`,
      workspaceId: subscription.workspaceId,
      thread: subscription.thread,
      userId: subscription.createdBy,
      question: subscription.question,
      locale: storedLocale(subscription.locale),
      timeZone: subscription.timeZone,
      maxAttempts: deps.maxAttempts,
      subscriptionId: subscription.id,
      createdAt: now,
    });
    if (created) {
      // Unique on (subscription, time): two manual runs in the same millisecond take the next one.
      for (let offset = 0; ; offset += 1) {
        const at = new Date(now.getTime() + offset);
        if (
          await deps.subscriptions.insertRun(subscription.id, at, task.id, { late: false }, { manual: true })
        )
          break;
      }
      await deps.queue.publish(task.id);
    }
    const deadline = Date.now() + deps.waitMs;
    for (;;) {
      const run = await deps.db.digestRun.findFirst({
        where: { taskId: task.id },
        select: { status: true, error: true },
      });
      const status = (run?.status ?? 'pending') as DigestRunStatus;
      if (status !== 'pending' || Date.now() >= deadline) return { status, error: run?.error ?? null };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}
