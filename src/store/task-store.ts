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
import { randomUUID } from 'node:crypto';
import type { TaskAdmission } from '../core/ports/task-admission.ts';
import type { TaskLifecycle } from '../core/ports/task-lifecycle.ts';
import type { TaskPlaceholders } from '../core/ports/task-placeholder.ts';
import type { TaskReader } from '../core/ports/task-reader.ts';
import type { TaskRecovery } from '../core/ports/task-recovery.ts';
import type { TaskResults } from '../core/ports/task-results.ts';
import type { NewTask, Task } from '../core/task.ts';
import { Prisma, type Task as TaskRow } from './generated/prisma/client.ts';
import { fromDbPlatform, toDbPlatform } from './platform-codes.ts';
import type { Database } from './prisma-client.ts';

/** Every task port, over one database. Callers take the narrow port they use. */
export type TaskStore = TaskAdmission &
  TaskLifecycle &
  TaskResults &
  TaskPlaceholders &
  TaskRecovery &
  TaskReader;

/** The row as the domain sees it: the platform's coordinates folded into a thread. */
function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    idempotencyKey: row.idempotencyKey,
    workspaceId: row.workspaceId,
    thread: {
      platform: fromDbPlatform(row.platform),
      workspaceId: row.workspaceKey,
      channelId: row.channelId,
      threadId: row.threadId,
    },
    userId: row.userId,
    question: row.question,
    locale: row.locale,
    timeZone: row.timeZone,
    placeholderId: row.placeholderId,
    placeholderReservedBy: row.placeholderReservedBy,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    leaseOwner: row.leaseOwner,
    leaseExpiresAt: row.leaseExpiresAt,
    result: row.result,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    deliveredAt: row.deliveredAt,
    chartFileId: row.chartFileId,
    subscriptionId: row.subscriptionId,
    traceContext: row.traceContext,
    model: row.model,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}

/** The columns a new task sets; the rest take their defaults. */
const INSERT_COLUMNS = Prisma.raw(
  `id, kind, "idempotencyKey", "workspaceId", "workspaceKey", platform, "channelId", "threadId",
   "userId", question, locale, "timeZone", "maxAttempts", "subscriptionId", "traceContext",
   "createdAt", "updatedAt"`,
);

/** INSERT_COLUMNS' values, typed (they also serve an INSERT … SELECT, where nothing infers them). */
function insertValues(input: NewTask, now: Date): Prisma.Sql {
  return Prisma.sql`${randomUUID()}, ${input.kind}::"TaskKind", ${input.idempotencyKey}::text,
    ${input.workspaceId}::text, ${input.thread.workspaceId}::text,
    ${toDbPlatform(input.thread.platform)}::"Platform", ${input.thread.channelId}::text,
    ${input.thread.threadId}::text, ${input.userId}::text, ${input.question}::text,
    ${input.locale}::text, ${input.timeZone}::text, ${input.maxAttempts}::int,
    ${input.subscriptionId ?? null}::text, ${input.traceContext ?? null}::text,
    ${now.toISOString()}::timestamp, ${now.toISOString()}::timestamp`;
}

interface AdmitColumns {
  existingId: string | null;
  existingLocale: string | null;
  recentCount: number;
}

export function createTaskStore(db: Database): TaskStore {
  return {
    async create(input) {
      const now = input.createdAt ?? new Date();
      // INSERT … ON CONFLICT DO NOTHING RETURNING: concurrent duplicates race on the unique
      // key, exactly one insert wins, the others read the winner. Raw, as admit() is: Prisma's
      // createManyAndReturn costs about 4× the main thread's CPU (1.0 vs 0.26 ms per insert).
      const [inserted] = await db.$queryRaw<TaskRow[]>`
        INSERT INTO "Task" (${INSERT_COLUMNS})
        VALUES (${insertValues(input, now)})
        ON CONFLICT ("idempotencyKey") DO NOTHING
        RETURNING *`;
      if (inserted) return { task: toTask(inserted), created: true };
      const existing = await db.task.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
      return { task: toTask(existing), created: false };
    },

    async get(taskId) {
      const row = await db.task.findUnique({ where: { id: taskId } });
      return row ? toTask(row) : null;
    },

    async claim(taskId, owner, leaseMs, now) {
      // One statement (UPDATE … RETURNING): the claimed row, or none when another holds it.
      const [row] = await db.task.updateManyAndReturn({
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
      return row ? toTask(row) : null;
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

    async reservePlaceholder(taskId, holder, options = {}) {
      const { count } = await db.task.updateMany({
        where: { id: taskId, placeholderId: null, placeholderReservedBy: options.replacing ?? null },
        data: { placeholderReservedBy: holder },
      });
      return count === 1;
    },

    async releasePlaceholder(taskId, holder) {
      await db.task.updateMany({
        where: { id: taskId, placeholderReservedBy: holder },
        data: { placeholderReservedBy: null },
      });
    },

    async setPlaceholder(taskId, messageId, holder) {
      // One statement on the usual path; only a lost race reads the winner.
      const { count } = await db.task.updateMany({
        where: {
          id: taskId,
          placeholderId: null,
          OR: [{ placeholderReservedBy: null }, ...(holder ? [{ placeholderReservedBy: holder }] : [])],
        },
        data: { placeholderId: messageId, placeholderReservedBy: null },
      });
      if (count === 1) return messageId;
      const task = await db.task.findUniqueOrThrow({
        where: { id: taskId },
        select: { placeholderId: true },
      });
      return task.placeholderId ?? messageId;
    },

    async placeholderOf(taskId) {
      const row = await db.task.findUnique({
        where: { id: taskId },
        select: { placeholderId: true, placeholderReservedBy: true },
      });
      return row ? { messageId: row.placeholderId, reservedBy: row.placeholderReservedBy } : null;
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

    async admit(input, quota) {
      const now = input.createdAt ?? new Date();
      // One statement: the event's task if it exists, the asker's count in the window (it
      // stops at the limit), and the insert that happens only when neither stands in the way.
      // "createdAt" is timestamp(3) without time zone holding UTC: compare with UTC text.
      const [row] = await db.$queryRaw<Array<TaskRow & AdmitColumns>>`
        WITH existing AS (
          SELECT id, locale FROM "Task" WHERE "idempotencyKey" = ${input.idempotencyKey}
        ), recent AS (
          SELECT count(*)::int AS n FROM (
            SELECT 1 FROM "Task"
             WHERE "workspaceId" = ${input.workspaceId} AND "userId" = ${input.userId}
               AND kind = 'QUESTION' AND "createdAt" >= ${quota.since.toISOString()}::timestamp
             LIMIT ${quota.limit}) AS counted
        ), inserted AS (
          INSERT INTO "Task" (${INSERT_COLUMNS})
          SELECT ${insertValues(input, now)}
           WHERE NOT EXISTS (SELECT 1 FROM existing) AND (SELECT n FROM recent) < ${quota.limit}
          ON CONFLICT ("idempotencyKey") DO NOTHING
          RETURNING *
        )
        SELECT e.id AS "existingId", e.locale AS "existingLocale", r.n AS "recentCount", i.*
          FROM recent r LEFT JOIN existing e ON true LEFT JOIN inserted i ON true`;
      const { existingId, existingLocale, recentCount, ...task } = row!;
      if (existingId) return { status: 'existing', task: { id: existingId, locale: existingLocale ?? '' } };
      if (task.id) return { status: 'created', task: toTask(task) };
      if (recentCount >= quota.limit) return { status: 'limited' };
      // A concurrent copy of the same event inserted first, after this statement's snapshot.
      const winner = await db.task.findUniqueOrThrow({
        where: { idempotencyKey: input.idempotencyKey },
        select: { id: true, locale: true },
      });
      return { status: 'existing', task: winner };
    },
  };
}
