/**
 * A digest run's life after the tick created it: pending → posted | skipped | failed.
 * Every transition is conditional on the run still being pending, so a redelivered task
 * or a second worker cannot record (or announce) one run twice; the owner's failure
 * notice is claimed the same way, once per run.
 */
import type { Database } from './prisma-client.ts';
import type { SubscriptionRecord } from './subscription-store.ts';
import { createSubscriptionStore } from './subscription-store.ts';

export type DigestRunStatus = 'pending' | 'posted' | 'skipped' | 'failed';

export interface DigestRunRecord {
  id: string;
  subscriptionId: string;
  scheduledFor: Date;
  taskId: string | null;
  status: DigestRunStatus;
  late: boolean;
  headline: number | null;
  error: string | null;
  messageId: string | null;
}

export interface DigestRunStore {
  /** The run a DIGEST task delivers, with its subscription. */
  findByTask(taskId: string): Promise<{ run: DigestRunRecord; subscription: SubscriptionRecord } | null>;
  /** The headline of the latest posted run before `slot`: what "change" is measured against. */
  previousHeadline(subscriptionId: string, slot: Date): Promise<number | null>;
  /** pending → posted/skipped; false when the run had already ended. Resets the failure count. */
  finish(
    runId: string,
    outcome: { status: 'posted' | 'skipped'; headline: number | null; messageId: string | null },
    now: Date,
  ): Promise<boolean>;
  /**
   * pending → failed; returns the subscription's failures in a row after this one, or
   * null when the run had already ended (someone else recorded it).
   */
  fail(runId: string, error: string, now: Date): Promise<number | null>;
  /** True exactly once per run: the caller tells the owner. */
  claimOwnerNotice(runId: string, now: Date): Promise<boolean>;
  /** The latest runs of some subscriptions (for lists). */
  latest(subscriptionIds: string[]): Promise<Map<string, DigestRunRecord>>;
}

type RunRow = {
  id: string;
  subscriptionId: string;
  scheduledFor: Date;
  taskId: string | null;
  status: string;
  summary: unknown;
  headline: number | null;
  error: string | null;
  messageId: string | null;
};

function toRecord(row: RunRow): DigestRunRecord {
  const summary = row.summary as { late?: unknown } | null;
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    scheduledFor: row.scheduledFor,
    taskId: row.taskId,
    status: row.status as DigestRunStatus,
    late: summary?.late === true,
    headline: row.headline,
    error: row.error,
    messageId: row.messageId,
  };
}

export function createDigestRunStore(db: Database): DigestRunStore {
  const subscriptions = createSubscriptionStore(db);
  return {
    async findByTask(taskId) {
      const row = await db.digestRun.findFirst({ where: { taskId } });
      if (!row) return null;
      const subscription = await subscriptions.get(row.subscriptionId);
      return subscription ? { run: toRecord(row), subscription } : null;
    },

    async previousHeadline(subscriptionId, slot) {
      const row = await db.digestRun.findFirst({
        where: { subscriptionId, status: 'posted', scheduledFor: { lt: slot }, headline: { not: null } },
        orderBy: { scheduledFor: 'desc' },
        select: { headline: true },
      });
      return row?.headline ?? null;
    },

    async finish(runId, outcome, now) {
      const updated = await db.digestRun.updateMany({
        where: { id: runId, status: 'pending' },
        data: {
          status: outcome.status,
          headline: outcome.headline,
          messageId: outcome.messageId,
          finishedAt: now,
        },
      });
      if (updated.count !== 1) return false;
      const run = await db.digestRun.findUniqueOrThrow({
        where: { id: runId },
        select: { subscriptionId: true },
      });
      await db.subscription.update({ where: { id: run.subscriptionId }, data: { consecutiveFailures: 0 } });
      return true;
    },

    async fail(runId, error, now) {
      return await db.$transaction(async (tx) => {
        const updated = await tx.digestRun.updateMany({
          where: { id: runId, status: 'pending' },
          data: { status: 'failed', error, finishedAt: now },
        });
        if (updated.count !== 1) return null;
        const run = await tx.digestRun.findUniqueOrThrow({
          where: { id: runId },
          select: { subscriptionId: true },
        });
        const subscription = await tx.subscription.update({
          where: { id: run.subscriptionId },
          data: { consecutiveFailures: { increment: 1 } },
          select: { consecutiveFailures: true },
        });
        return subscription.consecutiveFailures;
      });
    },

    async claimOwnerNotice(runId, now) {
      const updated = await db.digestRun.updateMany({
        where: { id: runId, ownerNotifiedAt: null },
        data: { ownerNotifiedAt: now },
      });
      return updated.count === 1;
    },

    async latest(subscriptionIds) {
      const rows = await db.digestRun.findMany({
        where: { subscriptionId: { in: subscriptionIds } },
        orderBy: { scheduledFor: 'desc' },
        distinct: ['subscriptionId'],
      });
      return new Map(rows.map((row) => [row.subscriptionId, toRecord(row)]));
    },
  };
}
