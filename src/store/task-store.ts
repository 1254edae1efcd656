/**
 * Tasks: the durable truth about every accepted question and digest run.
 *
 * Lifecycle PENDING → RUNNING → COMPLETED | FAILED. Each transition is one conditional
 * UPDATE, so it is atomic on PostgreSQL and PGlite alike:
 *  - create: the unique idempotency key makes a duplicate delivery create nothing;
 *  - claim: PENDING, or RUNNING with an expired lease → RUNNING with a new lease and
 *    attempts + 1. A second claim of a running task matches no row: a no-op;
 *  - every later transition names the lease owner, so a worker that lost its lease
 *    (and the task to another worker) can no longer change it.
 */
import type { ThreadRef } from '../core/chat-event.ts';
import type { Locale } from '../core/locale.ts';
import type { TaskKind } from '../core/ports/task-handler.ts';
import type { Prisma, Task } from '../generated/prisma/client.ts';
import { fromDbPlatform, toDbPlatform } from './platform-codes.ts';
import type { Database } from './prisma-client.ts';

export type TaskRecord = Task;

export interface NewTask {
  kind: TaskKind;
  idempotencyKey: string;
  /** Our Workspace.id; the thread carries the platform's own workspace id. */
  workspaceId: string;
  thread: ThreadRef;
  userId: string;
  question: string;
  /** Decided once, at intake (user, then workspace, then configuration). */
  locale: Locale;
  /** IANA zone the task reads dates in, decided with the locale. */
  timeZone: string;
  maxAttempts: number;
  subscriptionId?: string;
  /** W3C `traceparent` of the request that made the task: the worker continues its trace. */
  traceContext?: string;
  /** When the question arrived, by the caller's clock (rate limits count from it). */
  createdAt?: Date;
}

export interface TaskStore {
  create(input: NewTask): Promise<{ task: TaskRecord; created: boolean }>;
  get(taskId: string): Promise<TaskRecord | null>;
  claim(taskId: string, owner: string, leaseMs: number, now: Date): Promise<TaskRecord | null>;
  extendLease(taskId: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Gives a task back (shutdown, retryable error): PENDING again, the lease cleared. */
  release(taskId: string, owner: string, options: { refundAttempt: boolean }): Promise<boolean>;
  /**
   * Stores the answer before it is delivered, so a re-run delivers it instead of recomputing.
   * `result` is any JSON-serialisable object (the worker's stored reply).
   */
  saveResult(taskId: string, owner: string, result: object, usage?: TaskUsage): Promise<boolean>;
  setChartFile(taskId: string, fileId: string): Promise<void>;
  /** The final answer reached the thread: COMPLETED. */
  complete(taskId: string, owner: string, now: Date): Promise<boolean>;
  /** FAILED, with what the user was told. `owner` null: fail regardless of lease (exhausted). */
  fail(
    taskId: string,
    owner: string | null,
    error: { code: string; message: string },
    now: Date,
  ): Promise<boolean>;
  /**
   * Claims the right to post the placeholder (ingress and worker may both try; Slack has
   * no idempotency key, so only the holder posts). False when another holds it or posted.
   */
  reservePlaceholder(taskId: string, reservation: string): Promise<boolean>;
  /** Gives up a reservation whose post failed, so another may post. */
  releasePlaceholder(taskId: string, reservation: string): Promise<void>;
  /**
   * Records the placeholder message unless one is recorded already (a reservation named
   * by `replacing` may be replaced); returns the winner.
   */
  setPlaceholder(taskId: string, messageId: string, replacing?: string): Promise<string>;
  /**
   * Gives back, at once, the RUNNING tasks held by any lease owner other than `owner`
   * (embedded single-process mode: such an owner is a dead earlier process). They become
   * PENDING with the lease cleared; the dead attempt stays counted. Returns their ids.
   */
  reclaimFromOtherOwners(owner: string): Promise<string[]>;
  /** Ids of tasks that need a worker: PENDING, or RUNNING with an expired lease. */
  findRecoverable(now: Date, options?: { pendingOlderThan?: Date; limit?: number }): Promise<string[]>;
  /**
   * What intake needs before accepting a question, in one round trip (it is on Slack's
   * 3-second ack path): the task already made from this event, if any, and how many
   * questions this user asked in the workspace since `since`.
   */
  admission(
    key: string,
    workspaceId: string,
    userId: string,
    since: Date,
    /** Counting stops here: the answer only needs to know whether the limit is reached. */
    limit: number,
  ): Promise<{ existing: { id: string; locale: string } | null; recent: number }>;
}

export interface TaskUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

const RESERVED = 'reserved:';

function reservedPlaceholder(reservation: string): string {
  return `${RESERVED}${reservation}`;
}

/** The reservation a placeholderId holds while its message is being posted, else null. */
export function placeholderReservation(placeholderId: string | null): string | null {
  return placeholderId?.startsWith(RESERVED) ? placeholderId.slice(RESERVED.length) : null;
}

export function taskThread(task: TaskRecord): ThreadRef {
  return {
    platform: fromDbPlatform(task.platform),
    workspaceId: task.workspaceKey,
    channelId: task.channelId,
    threadId: task.threadId,
  };
}

export function createTaskStore(db: Database): TaskStore {
  return {
    async create(input) {
      const data = {
        kind: input.kind,
        idempotencyKey: input.idempotencyKey,
        workspaceId: input.workspaceId,
        workspaceKey: input.thread.workspaceId,
        platform: toDbPlatform(input.thread.platform),
        channelId: input.thread.channelId,
        threadId: input.thread.threadId,
        userId: input.userId,
        question: input.question,
        locale: input.locale,
        timeZone: input.timeZone,
        maxAttempts: input.maxAttempts,
        subscriptionId: input.subscriptionId ?? null,
        traceContext: input.traceContext ?? null,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      };
      // INSERT … ON CONFLICT DO NOTHING semantics: concurrent duplicates race on the unique
      // key, exactly one insert wins, the others read the winner.
      const inserted = await db.task.createManyAndReturn({ data: [data], skipDuplicates: true });
      if (inserted[0]) return { task: inserted[0], created: true };
      const existing = await db.task.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
      return { task: existing, created: false };
    },

    get: (taskId) => db.task.findUnique({ where: { id: taskId } }),

    async claim(taskId, owner, leaseMs, now) {
      const { count } = await db.task.updateMany({
        where: {
          id: taskId,
          OR: [{ status: 'PENDING' }, { status: 'RUNNING', leaseExpiresAt: { lt: now } }],
        },
        data: {
          status: 'RUNNING',
          leaseOwner: owner,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          attempts: { increment: 1 },
          startedAt: now,
        },
      });
      if (count === 0) return null;
      return await db.task.findUnique({ where: { id: taskId } });
    },

    async extendLease(taskId, owner, leaseMs, now) {
      const { count } = await db.task.updateMany({
        where: { id: taskId, status: 'RUNNING', leaseOwner: owner },
        data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
      });
      return count === 1;
    },

    async release(taskId, owner, { refundAttempt }) {
      const { count } = await db.task.updateMany({
        where: { id: taskId, status: 'RUNNING', leaseOwner: owner },
        data: {
          status: 'PENDING',
          leaseOwner: null,
          leaseExpiresAt: null,
          ...(refundAttempt ? { attempts: { decrement: 1 } } : {}),
        },
      });
      return count === 1;
    },

    async saveResult(taskId, owner, result, usage) {
      const { count } = await db.task.updateMany({
        where: { id: taskId, status: 'RUNNING', leaseOwner: owner },
        data: {
          result: result as Prisma.InputJsonValue,
          ...(usage
            ? {
                model: usage.model,
                inputTokens: { increment: usage.inputTokens },
                outputTokens: { increment: usage.outputTokens },
              }
            : {}),
        },
      });
      return count === 1;
    },

    async setChartFile(taskId, fileId) {
      await db.task.update({ where: { id: taskId }, data: { chartFileId: fileId } });
    },

    async complete(taskId, owner, now) {
      const { count } = await db.task.updateMany({
        where: { id: taskId, status: 'RUNNING', leaseOwner: owner },
        data: {
          status: 'COMPLETED',
          deliveredAt: now,
          completedAt: now,
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      });
      return count === 1;
    },

    async fail(taskId, owner, error, now) {
      const { count } = await db.task.updateMany({
        where: {
          id: taskId,
          status: { in: ['PENDING', 'RUNNING'] },
          ...(owner === null ? {} : { leaseOwner: owner }),
        },
        data: {
          status: 'FAILED',
          errorCode: error.code,
          errorMessage: error.message,
          completedAt: now,
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      });
      return count === 1;
    },

    async reservePlaceholder(taskId, reservation) {
      const { count } = await db.task.updateMany({
        where: { id: taskId, placeholderId: null },
        data: { placeholderId: reservedPlaceholder(reservation) },
      });
      return count === 1;
    },

    async releasePlaceholder(taskId, reservation) {
      await db.task.updateMany({
        where: { id: taskId, placeholderId: reservedPlaceholder(reservation) },
        data: { placeholderId: null },
      });
    },

    async setPlaceholder(taskId, messageId, replacing) {
      // One statement on the usual path; only a lost race reads the winner.
      const { count } = await db.task.updateMany({
        where: {
          id: taskId,
          OR: [
            { placeholderId: null },
            ...(replacing ? [{ placeholderId: reservedPlaceholder(replacing) }] : []),
          ],
        },
        data: { placeholderId: messageId },
      });
      if (count === 1) return messageId;
      const task = await db.task.findUniqueOrThrow({
        where: { id: taskId },
        select: { placeholderId: true },
      });
      return task.placeholderId!;
    },

    async reclaimFromOtherOwners(owner) {
      const rows = await db.task.updateManyAndReturn({
        where: { status: 'RUNNING', OR: [{ leaseOwner: { not: owner } }, { leaseOwner: null }] },
        data: { status: 'PENDING', leaseOwner: null, leaseExpiresAt: null },
        select: { id: true },
      });
      return rows.map((row) => row.id);
    },

    async findRecoverable(now, options = {}) {
      const rows = await db.task.findMany({
        where: {
          OR: [
            {
              status: 'PENDING',
              ...(options.pendingOlderThan ? { createdAt: { lt: options.pendingOlderThan } } : {}),
            },
            { status: 'RUNNING', leaseExpiresAt: { lt: now } },
          ],
        },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
        take: options.limit ?? 500,
      });
      return rows.map((row) => row.id);
    },

    async admission(key, workspaceId, userId, since, limit) {
      // "createdAt" is timestamp(3) without time zone holding UTC: compare with UTC text.
      const rows = await db.$queryRaw<Array<{ id: string | null; locale: string | null; recent: number }>>`
        SELECT t.id, t.locale,
               (SELECT count(*)::int FROM (
                  SELECT 1 FROM "Task"
                   WHERE "workspaceId" = ${workspaceId} AND "userId" = ${userId} AND kind = 'QUESTION'
                     AND "createdAt" >= ${since.toISOString()}::timestamp
                   LIMIT ${limit}) AS counted) AS recent
        FROM (SELECT 1) AS one
        LEFT JOIN "Task" t ON t."idempotencyKey" = ${key}`;
      const row = rows[0]!;
      return {
        existing: row.id ? { id: row.id, locale: row.locale ?? '' } : null,
        recent: Number(row.recent),
      };
    },
  };
}
