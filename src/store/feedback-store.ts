/** 👍/👎 on answers: one vote per user and task, the latest wins. */
import type { Database } from './prisma-client.ts';

export interface FeedbackStore {
  record(input: { taskId: string; userId: string; value: 'up' | 'down'; comment?: string }): Promise<void>;
}

export function createFeedbackStore(db: Database): FeedbackStore {
  return {
    async record({ taskId, userId, value, comment }) {
      await db.feedback.upsert({
        where: { taskId_userId: { taskId, userId } },
        create: { taskId, userId, value, comment: comment ?? null },
        update: { value, ...(comment === undefined ? {} : { comment }) },
      });
    },
  };
}
