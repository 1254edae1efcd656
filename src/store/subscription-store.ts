/**
 * Digest subscriptions and their runs. A run is unique on (subscription, slot): the
 * database, not the ticking process, decides which tick owns a slot, so any number of bot
 * instances may tick at once.
 */
import type { ThreadRef } from '../core/chat-event.ts';
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
}

/** A stored subscription: what was created, plus its id and the latest slot that has a run. */
export interface SubscriptionRecord extends NewSubscription {
  id: string;
  /** The latest slot that has a run, or null before the first one. */
  lastSlot: Date | null;
}

export interface SubscriptionStore {
  create(input: NewSubscription): Promise<string>;
  /** Enabled subscriptions with their latest run's slot. */
  listEnabled(): Promise<SubscriptionRecord[]>;
  /** Inserts the run for a slot; false when another tick already did. */
  insertRun(subscriptionId: string, slot: Date, taskId: string, summary: { late: boolean }): Promise<boolean>;
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
        },
      });
      return row.id;
    },

    async listEnabled() {
      const rows = await db.subscription.findMany({
        where: { enabled: true },
        include: { runs: { orderBy: { scheduledFor: 'desc' }, take: 1, select: { scheduledFor: true } } },
        orderBy: { id: 'asc' },
      });
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
      }));
    },

    async insertRun(subscriptionId, slot, taskId, summary) {
      const result = await db.digestRun.createMany({
        data: [{ subscriptionId, scheduledFor: slot, taskId, summary }],
        skipDuplicates: true,
      });
      return result.count === 1;
    },
  };
}
