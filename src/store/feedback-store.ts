/** 👍/👎 on answers: one vote per task and user; voting again replaces the vote. */
import type { Database } from './prisma-client.ts';

export interface FeedbackStore {
  record(input: { taskId: string; userId: string; value: 'up' | 'down'; comment?: string }): Promise<void>;
}

export function createFeedbackStore(db: Database): FeedbackStore {
  return {
    async record(input) {
      await db.feedback.upsert({
        where: { taskId_userId: { taskId: input.taskId, userId: input.userId } },
        create: {
          taskId: input.taskId,
          userId: input.userId,
          value: input.value,
          comment: input.comment ?? null,
        },
        update: { value: input.value, ...(input.comment === undefined ? {} : { comment: input.comment }) },
      });
    },
  };
}
