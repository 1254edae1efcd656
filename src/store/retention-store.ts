/**
 * Retention: question history older than the cut-off is deleted — tasks (their steps go
 * with them), thread memory, query logs and console messages. Tasks still pending or running
 * are kept whatever their age. The byte ledger (bytes per channel per day) is the roll-up
 * and is kept. Deletes go in batches so no statement holds locks for long.
 */
import type { Database } from './prisma-client.ts';

export interface RetentionResult {
  tasks: number;
  steps: number;
  threadTurns: number;
  queryLogs: number;
  consoleMessages: number;
}

const BATCH = 5_000;

async function inBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run();
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export async function deleteHistoryBefore(db: Database, cutoff: Date): Promise<RetentionResult> {
  const steps = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "TaskStep" WHERE id IN (
        SELECT s.id FROM "TaskStep" s JOIN "Task" t ON t.id = s."taskId"
         WHERE t."createdAt" < ${cutoff} AND t.status IN ('COMPLETED', 'FAILED') LIMIT ${BATCH})`,
  );
  const tasks = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "Task" WHERE id IN (
        SELECT id FROM "Task" WHERE "createdAt" < ${cutoff} AND status IN ('COMPLETED', 'FAILED') LIMIT ${BATCH})`,
  );
  const threadTurns = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "ThreadTurn" WHERE id IN (SELECT id FROM "ThreadTurn" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH})`,
  );
  const queryLogs = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "QueryLog" WHERE id IN (SELECT id FROM "QueryLog" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH})`,
  );
  const consoleMessages = await inBatches(
    () => db.$executeRaw`
      DELETE FROM "ConsoleMessage" WHERE id IN (
        SELECT id FROM "ConsoleMessage" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH})`,
  );
  return { tasks, steps, threadTurns, queryLogs, consoleMessages };
}
