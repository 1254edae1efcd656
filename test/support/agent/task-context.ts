/**
 * A TaskContext as the worker would hand one to the agent, recording the steps it shows.
 */
import { questionLocale, type Locale } from '../../../src/core/locale.ts';
import type { TaskContext, TaskView, ThreadTurnView } from '../../../src/core/ports/task-handler.ts';

export interface RecordedStep {
  label: string;
  detail?: Record<string, unknown>;
  finished: boolean;
  finishedLabel?: string;
  error?: string;
}

export interface TestContextOptions {
  question: string;
  locale?: Locale;
  history?: ThreadTurnView[];
  workspaceModel?: string | null;
  timeZone?: string;
  signal?: AbortSignal;
  taskId?: string;
}

export function createTestContext(options: TestContextOptions): {
  context: TaskContext;
  steps: RecordedStep[];
} {
  const steps: RecordedStep[] = [];
  const task: TaskView = {
    id: options.taskId ?? 'task-1',
    kind: 'QUESTION',
    thread: { platform: 'console', workspaceId: 'local', channelId: 'c1', threadId: 't1' },
    userId: 'u1',
    question: options.question,
    // As intake decides it, for an asker whose locale is English.
    locale: options.locale ?? questionLocale(options.question, 'en', 'en'),
    timeZone: options.timeZone ?? 'Asia/Tokyo',
    attempt: 1,
    workspace: { id: 'w1', model: options.workspaceModel ?? null },
    mapping: null,
  };
  const context: TaskContext = {
    task,
    history: options.history ?? [],
    signal: options.signal ?? new AbortController().signal,
    startStep(label, detail) {
      const step: RecordedStep = { label, finished: false, ...(detail ? { detail } : {}) };
      steps.push(step);
      return {
        finish(outcome) {
          step.finished = true;
          if (outcome?.label) step.finishedLabel = outcome.label;
          if (outcome?.error) step.error = outcome.error;
        },
      };
    },
  };
  return { context, steps };
}
