/**
 * Records each step of a task (label, timings, outcome) in the database and shows the
 * list in the thread as it changes.
 */
import type { Clock } from '../core/clock.ts';
import type { Locale } from '../core/locale.ts';
import type { Reply } from '../core/reply.ts';
import { stepLine } from '../render/status-lines.ts';
import type { Logger } from '../core/logger.ts';
import type { StepHandle } from '../core/ports/task-handler.ts';
import type { TaskSteps } from '../core/ports/task-steps.ts';

export interface StepLine {
  label: string;
  state: 'running' | 'done' | 'failed';
}

export interface StepRecorder {
  start(label: string, detail?: Record<string, unknown>): StepHandle;
  lines(): StepLine[];
  /** Resolves when every step row has been written. */
  settle(): Promise<void>;
}

export function createStepRecorder(deps: {
  steps: TaskSteps;
  taskId: string;
  attempt: number;
  clock: Clock;
  logger: Logger;
  onChange: (lines: StepLine[]) => void;
}): StepRecorder {
  const lines: StepLine[] = [];
  const writes: Promise<unknown>[] = [];
  let seq = 0;

  const track = (write: Promise<unknown>) => {
    writes.push(
      write.catch((error: unknown) => deps.logger.warn('step write failed', { taskId: deps.taskId, error })),
    );
  };

  return {
    start(label, detail) {
      const startedAt = deps.clock.now();
      const line: StepLine = { label, state: 'running' };
      lines.push(line);
      deps.onChange([...lines]);
      const id = deps.steps.start({
        taskId: deps.taskId,
        attempt: deps.attempt,
        seq: seq++,
        label,
        startedAt,
        detail,
      });
      track(id);
      let finished = false;
      return {
        finish(outcome = {}) {
          if (finished) return;
          finished = true;
          const endedAt = deps.clock.now();
          if (outcome.label) line.label = outcome.label;
          line.state = outcome.error ? 'failed' : 'done';
          deps.onChange([...lines]);
          track(
            id.then((stepId) =>
              deps.steps.finish(stepId, {
                endedAt,
                durationMs: endedAt.getTime() - startedAt.getTime(),
                ...outcome,
              }),
            ),
          );
        },
      };
    },
    lines: () => [...lines],
    settle: async () => {
      await Promise.all(writes);
    },
  };
}

/** The reply with the steps taken kept under it, when there were any. */
export function withSteps(reply: Reply, lines: StepLine[], durationMs: number): Reply {
  return lines.length > 0 ? { ...reply, steps: { lines, durationMs } } : reply;
}

export function formatStepLines(lines: StepLine[], locale: Locale): string[] {
  return lines.map((line) => stepLine(locale, line.state, line.label));
}
