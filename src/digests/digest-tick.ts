/**
 * The digest tick: find the subscriptions with a due slot, create each slot's DIGEST task
 * (idempotent on "digest:<subscription>:<slot>"), record the DigestRun (unique on
 * subscription and slot) and publish the task on the normal queue.
 *
 * Ticks are at-least-once and may run in several processes at the same minute: the task's
 * idempotency key and the run's unique key make a repeated tick create nothing, and only
 * the tick that created the task publishes it. A tick that
 * dies between creating the task and publishing it leaves a PENDING task, which the
 * worker's recovery re-queues.
 */
import type { Clock } from '../core/clock.ts';
import { errorMessage } from '../core/errors.ts';
import { storedLocale } from '../core/stored-locale.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { TaskAdmission } from '../core/ports/task-admission.ts';
import { dueSlot, parseDigestSchedule } from './digest-schedule.ts';

export interface DigestTickDeps {
  subscriptions: SubscriptionStore;
  tasks: TaskAdmission;
  queue: TaskQueue;
  clock: Clock;
  /** A slot older than this when its tick runs is posted marked late. */
  lateAfterMs: number;
  maxAttempts: number;
  log?: { warn(fields: object, message: string): void };
}

export interface DigestTickResult {
  /** Runs this tick created (and tasks it published). */
  enqueued: number;
  late: number;
  /** Subscriptions whose stored schedule or zone no longer reads (skipped, logged). */
  broken: number;
}

export function digestIdempotencyKey(subscriptionId: string, slot: Date): string {
  return `digest:${subscriptionId}:${slot.toISOString()}`;
}

export function createDigestTick(deps: DigestTickDeps): () => Promise<DigestTickResult> {
  return async function tick() {
    const now = deps.clock.now();
    const result: DigestTickResult = { enqueued: 0, late: 0, broken: 0 };
    for (const subscription of await deps.subscriptions.listEnabled()) {
      let due;
      try {
        const schedule = parseDigestSchedule(subscription.schedule);
        const since = subscription.lastSlot ?? subscription.createdAt;
        due = dueSlot(schedule, subscription.timeZone, since, now, deps.lateAfterMs);
      } catch (error) {
        result.broken += 1;
        deps.log?.warn(
          { subscriptionId: subscription.id, error: errorMessage(error) },
          'digest schedule unreadable',
        );
        continue;
      }
      if (!due) continue;
      const { task, created } = await deps.tasks.create({
        kind: 'DIGEST',
        idempotencyKey: digestIdempotencyKey(subscription.id, due.slot),
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
      await deps.subscriptions.insertRun(subscription.id, due.slot, task.id, { late: due.late });
      // Only the tick that created the task publishes it: one delivery per slot.
      if (!created) continue;
      await deps.queue.publish(task.id);
      result.enqueued += 1;
      if (due.late) result.late += 1;
    }
    return result;
  };
}
