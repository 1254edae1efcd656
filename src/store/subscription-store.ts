/**
 * Digest subscriptions and their runs. A run is unique on (subscription, slot): the
 * database, not the ticking process, decides which tick owns a slot, so any number of bot
 * instances may tick at once.
 */
import type { ThreadRef } from '../core/chat-event.ts';
import type { ChartSpec } from '../core/chart-spec.ts';
import type { Prisma } from './generated/prisma/client.ts';
import { fromDbPlatform, toDbPlatform } from './platform-codes.ts';
import type { Database } from './prisma-client.ts';

export interface NewSubscription {
  /** Our Workspace.id. */
  workspaceId: string;
  /** Where the digest is posted; threadId is empty (each digest starts its own thread). */
  thread: ThreadRef;
  name: string;
  question: string;
  sql: string;
  schedule: string;
  timeZone: string;
  locale: string;
  createdBy: string;
  createdAt: Date;
  /** The answer's chart, re-rendered on every run with that run's rows. */
  chartSpec?: ChartSpec | null;
  /** What an empty result does: skip (post nothing, record the run) or post "no data". */
  emptyMode?: EmptyMode;
}

export type EmptyMode = 'skip' | 'post';

/** A stored subscription: what was created, plus its id and the latest slot that has a run. */
export interface SubscriptionRecord extends NewSubscription {
  id: string;
  /** The latest slot that has a run, or null before the first one. */
  lastSlot: Date | null;
  enabled: boolean;
  emptyMode: EmptyMode;
  chartSpec: ChartSpec | null;
  consecutiveFailures: number;
  /** "owner" (paused by a person) or "failures" (paused itself); null when enabled. */
  pausedReason: string | null;
}

export interface SubscriptionStore {
  create(input: NewSubscription): Promise<string>;
  /** Enabled subscriptions with their latest run's slot. */
  listEnabled(): Promise<SubscriptionRecord[]>;
  get(id: string): Promise<SubscriptionRecord | null>;
  /** A channel's subscriptions, enabled or not, oldest first. */
  listForChannel(workspaceId: string, channelId: string): Promise<SubscriptionRecord[]>;
  /** Pauses (with the reason) or resumes; resuming clears the failure count. */
  setPaused(id: string, paused: { reason: string } | null): Promise<void>;
  remove(id: string): Promise<void>;
  /** Inserts the run for a slot; false when another tick already did. */
  insertRun(
    subscriptionId: string,
    slot: Date,
    taskId: string,
    summary: { late: boolean },
    options?: { manual?: boolean },
  ): Promise<boolean>;
}

export function createSubscriptionStore(db: Database): SubscriptionStore {
  return {
    async create(input) {
      const row = await db.subscription.create({
        data: {
          workspaceId: input.workspaceId,
          platform: toDbPlatform(input.thread.platform),
          channelId: input.thread.channelId,
          name: input.name,
          question: input.question,
          sql: input.sql,
          schedule: input.schedule,
          timeZone: input.timeZone,
          locale: input.locale,
          createdBy: input.createdBy,
          createdAt: input.createdAt,
          emptyMode: input.emptyMode ?? 'post',
          ...(input.chartSpec ? { chartSpec: input.chartSpec as unknown as Prisma.InputJsonValue } : {}),
        },
      });
      return row.id;
    },

    async get(id) {
      const rows = await findWithLastSlot(db, { id });
      return (await toRecords(db, rows))[0] ?? null;
    },

    async listForChannel(workspaceId, channelId) {
      return await toRecords(db, await findWithLastSlot(db, { workspaceId, channelId }));
    },

    async setPaused(id, paused) {
      await db.subscription.update({
        where: { id },
        data: paused
          ? { enabled: false, pausedReason: paused.reason }
          : { enabled: true, pausedReason: null, consecutiveFailures: 0 },
      });
    },

    async remove(id) {
      await db.subscription.deleteMany({ where: { id } });
    },

    async listEnabled() {
      return await toRecords(db, await findWithLastSlot(db, { enabled: true }));
    },

    async insertRun(subscriptionId, slot, taskId, summary, options = {}) {
      const result = await db.digestRun.createMany({
        data: [{ subscriptionId, scheduledFor: slot, taskId, summary, manual: options.manual ?? false }],
        skipDuplicates: true,
      });
      return result.count === 1;
    },
  };
}

type SubscriptionWhere = NonNullable<Parameters<Database['subscription']['findMany']>[0]>['where'];

function findWithLastSlot(db: Database, where: SubscriptionWhere) {
  return db.subscription.findMany({
    where,
    include: {
      runs: {
        where: { manual: false },
        orderBy: { scheduledFor: 'desc' },
        take: 1,
        select: { scheduledFor: true },
      },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

async function toRecords(
  db: Database,
  rows: Awaited<ReturnType<typeof findWithLastSlot>>,
): Promise<SubscriptionRecord[]> {
  const workspaceIds = [...new Set(rows.map((row) => row.workspaceId))];
  const workspaces = await db.workspace.findMany({
    where: { id: { in: workspaceIds } },
    select: { id: true, externalId: true },
  });
  const externalIds = new Map(workspaces.map((w) => [w.id, w.externalId]));
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspaceId,
    thread: {
      platform: fromDbPlatform(row.platform),
      workspaceId: externalIds.get(row.workspaceId) ?? row.workspaceId,
      channelId: row.channelId,
      threadId: '',
    },
    name: row.name,
    question: row.question,
    sql: row.sql,
    schedule: row.schedule,
    timeZone: row.timeZone,
    locale: row.locale,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastSlot: row.runs[0]?.scheduledFor ?? null,
    enabled: row.enabled,
    emptyMode: row.emptyMode === 'skip' ? 'skip' : 'post',
    chartSpec: (row.chartSpec as ChartSpec | null) ?? null,
    consecutiveFailures: row.consecutiveFailures,
    pausedReason: row.pausedReason,
  }));
}
