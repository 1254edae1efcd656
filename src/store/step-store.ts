/** Task steps: what the worker did, with timings, per attempt. */
import type { TaskSteps } from '../core/ports/task-steps.ts';
import type { Prisma } from './generated/prisma/client.ts';
import type { Database } from './prisma-client.ts';

export function createStepStore(db: Database): TaskSteps {
  return {
    async start(input) {
      const step = await db.taskStep.create({
        data: {
          taskId: input.taskId,
          attempt: input.attempt,
          seq: input.seq,
          label: input.label,
          startedAt: input.startedAt,
          detail: (input.detail ?? undefined) as Prisma.InputJsonValue | undefined,
        },
        select: { id: true },
      });
      return step.id;
    },
    async finish(stepId, outcome) {
      await db.taskStep.update({
        where: { id: stepId },
        data: {
          status: outcome.error ? 'FAILED' : 'DONE',
          endedAt: outcome.endedAt,
          durationMs: outcome.durationMs,
          ...(outcome.label ? { label: outcome.label } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
          ...(outcome.detail ? { detail: outcome.detail as Prisma.InputJsonValue } : {}),
        },
      });
    },
    list: (taskId) =>
      db.taskStep.findMany({
        where: { taskId },
        orderBy: [{ attempt: 'asc' }, { seq: 'asc' }],
        select: { attempt: true, seq: true, label: true, status: true, durationMs: true },
      }),
  };
}
