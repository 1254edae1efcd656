/** Thread turns: the memory behind follow-up questions in the same thread. */
import type { ThreadTurnView } from '../core/ports/task-handler.ts';
import type { Database } from './prisma-client.ts';

export interface ThreadStore {
  /** The most recent turns of a thread, oldest first. */
  recent(threadKey: string, limit: number): Promise<ThreadTurnView[]>;
  /** Saves a turn once per task (a re-run does not add a second). */
  save(turn: ThreadTurnView & { threadKey: string; taskId: string }): Promise<void>;
}

export function createThreadStore(db: Database): ThreadStore {
  return {
    async recent(threadKey, limit) {
      const rows = await db.threadTurn.findMany({
        where: { threadKey },
        orderBy: { createdAt: 'desc' },
        take: limit,
      });
      return rows.reverse().map((row) => ({
        question: row.question,
        answer: row.answer,
        sql: row.sql,
        resultSummary: row.resultSummary,
        createdAt: row.createdAt,
      }));
    },
    async save(turn) {
      await db.threadTurn.upsert({
        where: { taskId: turn.taskId },
        create: {
          threadKey: turn.threadKey,
          taskId: turn.taskId,
          question: turn.question,
          answer: turn.answer,
          sql: turn.sql,
          resultSummary: turn.resultSummary,
          createdAt: turn.createdAt,
        },
        update: {},
      });
    },
  };
}
