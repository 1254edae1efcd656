/**
 * The task writes on Slack's ack path (the insert before the ack, the placeholder's two
 * updates right after it), as plain SQL. Through the query builder each cost 0.5–1.7 ms
 * of main-thread CPU (plan compilation, the full row mapped back); as SQL, 0.25–0.5 ms.
 * At 200 events/s that is the difference between a saturated event loop and a free one
 * (src/bench/slack-ack.bench.ts).
 *
 * "createdAt"/"updatedAt" are timestamp(3) without time zone holding UTC: written as UTC
 * text, as everywhere else. Task ids are UUIDs made here, as Prisma's @default(uuid()) does.
 */
import { randomUUID } from 'node:crypto';
import type { Task } from '../generated/prisma/client.ts';
import type { Database } from './prisma-client.ts';

export interface TaskInsert {
  kind: Task['kind'];
  idempotencyKey: string;
  workspaceId: string;
  workspaceKey: string;
  platform: Task['platform'];
  channelId: string;
  threadId: string;
  userId: string;
  question: string;
  locale: string;
  maxAttempts: number;
  subscriptionId: string | null;
  traceContext: string | null;
  createdAt?: Date;
}

/** INSERT … ON CONFLICT DO NOTHING: the new row, or null when the idempotency key exists. */
export async function insertTask(db: Database, data: TaskInsert): Promise<Task | null> {
  const now = (data.createdAt ?? new Date()).toISOString();
  const rows = await db.$queryRaw<Task[]>`
    INSERT INTO "Task" (id, kind, "idempotencyKey", "workspaceId", "workspaceKey", platform,
                        "channelId", "threadId", "userId", question, locale, "maxAttempts",
                        "subscriptionId", "traceContext", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${data.kind}::"TaskKind", ${data.idempotencyKey}, ${data.workspaceId},
            ${data.workspaceKey}, ${data.platform}::"Platform", ${data.channelId}, ${data.threadId},
            ${data.userId}, ${data.question}, ${data.locale}, ${data.maxAttempts},
            ${data.subscriptionId}, ${data.traceContext}, ${now}::timestamp, ${now}::timestamp)
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING *`;
  return rows[0] ?? null;
}

/** Sets placeholderId where it is null (or holds `orHolding`); true when a row changed. */
export async function setPlaceholderWhere(
  db: Database,
  taskId: string,
  value: string,
  orHolding: string | null,
): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Task" SET "placeholderId" = ${value}, "updatedAt" = ${new Date().toISOString()}::timestamp
     WHERE id = ${taskId} AND ("placeholderId" IS NULL OR "placeholderId" = ${orHolding})`;
  return count === 1;
}
