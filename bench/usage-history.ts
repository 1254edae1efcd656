/**
 * A large workspace's history for `usage`: 200,000 tasks and 1,000,000 query-log rows over
 * 400 days, plus feedback, made in SQL with generate_series (seconds, not minutes). 90 % is
 * workspace "W-big" (7 channels, 53 users, three models; C3 answers slowly, U5 fails often); 10 % is "W-other", which
 * `usage` must never count. Shared by test/store/usage-store.test.ts and the bench.
 */
import type { Database } from '../src/store/prisma-client.ts';

export const HISTORY_NOW = new Date('2026-12-05T12:00:00Z');
export const HISTORY_TASKS = 200_000;
export const HISTORY_QUERY_LOGS = 1_000_000;

/** Task n's creation: spread evenly over the 400 days before HISTORY_NOW. */
const taskCreatedAt = (n: string) => `(TIMESTAMP '2026-12-05 12:00:00' - (${n}) * INTERVAL '172.8 seconds')`;

export async function seedUsageHistory(db: Database): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "Task" (id, kind, status, "idempotencyKey", "workspaceId", "workspaceKey", platform,
                        "channelId", "threadId", "userId", question, locale, "timeZone", model,
                        "inputTokens", "outputTokens", "createdAt", "updatedAt", "completedAt")
    SELECT 'task-' || g,
           (CASE WHEN g % 50 = 0 THEN 'DIGEST' ELSE 'QUESTION' END)::"TaskKind",
           (CASE WHEN g % 23 = 0 OR (g % 53 = 5 AND g % 4 = 0) THEN 'FAILED' WHEN g % 101 = 0 THEN 'RUNNING' ELSE 'COMPLETED' END)::"TaskStatus",
           'seed-' || g,
           CASE WHEN g % 10 = 0 THEN 'W-other' ELSE 'W-big' END, 'T-big', 'SLACK'::"Platform",
           'C' || (g % 7), '', 'U' || (g % 53), 'q', 'ja', 'Asia/Tokyo',
           CASE g % 3 WHEN 0 THEN 'openai/gpt-4.1-mini' WHEN 1 THEN 'gemini/gemini-2.5-flash' ELSE NULL END,
           1000 + g % 5000, 100 + g % 700,
           ${taskCreatedAt('g')}, ${taskCreatedAt('g')},
           CASE WHEN g % 23 <> 0 AND g % 101 <> 0 AND NOT (g % 53 = 5 AND g % 4 = 0)
                THEN ${taskCreatedAt('g')} + ((g * 7919) % (CASE WHEN g % 7 = 3 THEN 9000 ELSE 4500 END) + 300) * INTERVAL '1 millisecond'
           END
      FROM generate_series(1, ${HISTORY_TASKS}) AS g`);
  // Five queries per task, a few seconds after it started; every eleventh was refused.
  await db.$executeRawUnsafe(`
    INSERT INTO "QueryLog" (id, "taskId", "workspaceId", "channelId", "userId", backend, sql, verdict,
                            "bytesProcessed", rows, "durationMs", "createdAt")
    SELECT 'log-' || g, 'task-' || t, CASE WHEN t % 10 = 0 THEN 'W-other' ELSE 'W-big' END,
           'C' || (t % 7), 'U' || (t % 53), 'bigquery', 'SELECT 1',
           CASE WHEN g % 11 = 0 THEN 'REFUSED' ELSE 'EXECUTED' END,
           CASE WHEN g % 11 = 0 THEN NULL ELSE (g::bigint * 104729) % 10000000000 END,
           10, 100, ${taskCreatedAt('t')} + (g % 5) * INTERVAL '1 second'
      FROM (SELECT g, (g - 1) / 5 + 1 AS t FROM generate_series(1, ${HISTORY_QUERY_LOGS}) AS g) AS s`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Feedback" (id, "taskId", "userId", value, "createdAt")
    SELECT 'fb-' || g, 'task-' || g, 'U' || (g % 53), CASE WHEN g % 12 = 0 THEN 'down' ELSE 'up' END,
           ${taskCreatedAt('g')}
      FROM generate_series(4, ${HISTORY_TASKS}, 4) AS g`);
  await db.$executeRawUnsafe('ANALYZE "Task", "QueryLog", "Feedback"');
}
