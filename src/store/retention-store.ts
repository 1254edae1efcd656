/**
 * Retention: question history older than the cut-off is deleted — tasks (their steps go
 * with them), thread memory, query logs and console messages. Tasks still pending or running
 * are kept whatever their age. Deleted tasks, their feedback and query logs are first added
 * to the UsageDaily roll-up in the same statement (a data-modifying CTE), so each row is
 * counted exactly once even if a run stops half-way. The roll-up and the byte ledger are
 * kept. Deletes go in batches so no statement holds locks for long.
 */
import type { Database } from './prisma-client.ts';

export interface RetentionResult {
  tasks: number;
  feedback: number;
  steps: number;
  threadTurns: number;
  queryLogs: number;
  consoleMessages: number;
}

const BATCH = 5_000;

/** The workspace-local day of a row, for the roll-up. */
const LOCAL_DAY = `to_char((g."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(w."timeZone", 'UTC'), 'YYYY-MM-DD')`;

async function inBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run();
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export async function deleteHistoryBefore(db: Database, cutoff: Date): Promise<RetentionResult> {
  // Before the tasks go: a query's model comes from its task.
  const queryLogs = await inBatches(async () => {
    const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(
      `WITH gone AS (
         DELETE FROM "QueryLog" WHERE id IN (SELECT id FROM "QueryLog" WHERE "createdAt" < $1 LIMIT ${BATCH})
         RETURNING "workspaceId", "channelId", "userId", "taskId", verdict, "bytesProcessed", "createdAt"),
       rolled AS (
         INSERT INTO "UsageDaily" ("workspaceId", day, "channelId", "userId", model, bytes)
         SELECT COALESCE(g."workspaceId", '-'), ${LOCAL_DAY}, COALESCE(g."channelId", '-'),
                COALESCE(g."userId", '-'), COALESCE(t.model, '-'), sum(g."bytesProcessed")
           FROM gone g LEFT JOIN "Workspace" w ON w.id = g."workspaceId" LEFT JOIN "Task" t ON t.id = g."taskId"
          WHERE g.verdict = 'EXECUTED' AND g."bytesProcessed" IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5
         ON CONFLICT ("workspaceId", day, "channelId", "userId", model) DO UPDATE SET
           bytes = "UsageDaily".bytes + EXCLUDED.bytes
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      cutoff,
    );
    return row?.n ?? 0;
  });
  const steps = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "TaskStep" WHERE id IN (
        SELECT s.id FROM "TaskStep" s JOIN "Task" t ON t.id = s."taskId"
         WHERE t."createdAt" < ${cutoff} AND t.status IN ('COMPLETED', 'FAILED') LIMIT ${BATCH})`,
  );
  let feedback = 0;
  const tasks = await inBatches(async () => {
    const [row] = await db.$queryRawUnsafe<Array<{ tasks: number; feedback: number }>>(
      `WITH gone AS (
         DELETE FROM "Task" WHERE id IN (
           SELECT id FROM "Task" WHERE "createdAt" < $1 AND status IN ('COMPLETED', 'FAILED') LIMIT ${BATCH})
         RETURNING id, kind, status, "workspaceId", "channelId", "userId", model, "inputTokens", "outputTokens", "createdAt"),
       votes AS (
         DELETE FROM "Feedback" f USING gone WHERE f."taskId" = gone.id RETURNING f."taskId", f.value),
       per_task AS (
         SELECT "taskId", count(*) FILTER (WHERE value = 'up') AS up, count(*) FILTER (WHERE value = 'down') AS down
           FROM votes GROUP BY 1),
       rolled AS (
         INSERT INTO "UsageDaily" ("workspaceId", day, "channelId", "userId", model, asked, answered, failed,
                                   "inputTokens", "outputTokens", up, down)
         SELECT g."workspaceId", ${LOCAL_DAY}, g."channelId", g."userId", COALESCE(g.model, '-'),
                count(*) FILTER (WHERE g.kind = 'QUESTION'),
                count(*) FILTER (WHERE g.kind = 'QUESTION' AND g.status = 'COMPLETED'),
                count(*) FILTER (WHERE g.kind = 'QUESTION' AND g.status = 'FAILED'),
                sum(g."inputTokens"), sum(g."outputTokens"), COALESCE(sum(v.up), 0), COALESCE(sum(v.down), 0)
           FROM gone g LEFT JOIN "Workspace" w ON w.id = g."workspaceId" LEFT JOIN per_task v ON v."taskId" = g.id
          GROUP BY 1, 2, 3, 4, 5
         ON CONFLICT ("workspaceId", day, "channelId", "userId", model) DO UPDATE SET
           asked = "UsageDaily".asked + EXCLUDED.asked, answered = "UsageDaily".answered + EXCLUDED.answered,
           failed = "UsageDaily".failed + EXCLUDED.failed,
           "inputTokens" = "UsageDaily"."inputTokens" + EXCLUDED."inputTokens",
           "outputTokens" = "UsageDaily"."outputTokens" + EXCLUDED."outputTokens",
           up = "UsageDaily".up + EXCLUDED.up, down = "UsageDaily".down + EXCLUDED.down
         RETURNING 1)
       SELECT (SELECT count(*) FROM gone)::int AS tasks, (SELECT count(*) FROM votes)::int AS feedback`,
      cutoff,
    );
    feedback += row?.feedback ?? 0;
    return row?.tasks ?? 0;
  });
  const threadTurns = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "ThreadTurn" WHERE id IN (SELECT id FROM "ThreadTurn" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH})`,
  );
  const consoleMessages = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "ConsoleMessage" WHERE id IN (
        SELECT id FROM "ConsoleMessage" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH})`,
  );
  return { tasks, feedback, steps, threadTurns, queryLogs, consoleMessages };
}
