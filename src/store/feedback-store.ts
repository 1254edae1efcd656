/**
 * 👍/👎 on an answer, one per person per task: clicking again changes the vote
 * (Feedback is unique on taskId + userId).
 */
import type { Database } from './prisma-client.ts';

export type FeedbackValue = 'up' | 'down';

export interface FeedbackStore {
  record(input: { taskId: string; userId: string; value: FeedbackValue; comment?: string }): Promise<void>;
}

export function createFeedbackStore(db: Database): FeedbackStore {
  return {
    async record({ taskId, userId, value, comment }) {
      await db.feedback.upsert({
        where: { taskId_userId: { taskId, userId } },
        create: { taskId, userId, value, comment: comment ?? null },
        update: { value, ...(comment !== undefined ? { comment } : {}) },
      });
    },
  };
}
