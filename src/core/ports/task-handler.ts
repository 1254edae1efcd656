/**
 * The task-handler port: what the worker runs for a claimed QUESTION task; the agent
 * implements it. (DIGEST tasks run end to end in src/digests' runner, which posts its own
 * message.) The worker owns the database, the queue and the thread; the handler only
 * thinks and reports steps. TaskView is what both see of a task.
 */
import type { ThreadRef } from '../chat-event.ts';
import type { Locale } from '../locale.ts';
import type { Reply } from '../reply.ts';
import type { TokenUsage } from './chat-model.ts';

export type TaskKind = 'QUESTION' | 'DIGEST';

export interface TaskView {
  id: string;
  kind: TaskKind;
  thread: ThreadRef;
  userId: string;
  question: string;
  /** Decided once at intake and stored on the task. */
  locale: Locale;
  /** IANA zone for dates, decided with the locale and stored on the task. */
  timeZone: string;
  attempt: number;
  /** Workspace settings that matter to the handler. */
  workspace: { id: string; model: string | null };
  /** The channel's warehouse mapping, when one is set. */
  mapping: ChannelMappingView | null;
}

export interface ChannelMappingView {
  projectId: string;
  allowedDatasets: string[];
  location: string | null;
  maxBytesBilled: number | null;
}

/** One earlier exchange in the same thread: the memory behind follow-ups. */
export interface ThreadTurnView {
  question: string;
  answer: string;
  sql: string[];
  resultSummary: string;
  createdAt: Date;
}

export interface StepHandle {
  /** Finishes the step, optionally replacing its label (e.g. with bytes scanned). */
  finish(outcome?: { label?: string; error?: string; detail?: Record<string, unknown> }): void;
}

export interface TaskContext {
  task: TaskView;
  /** Earlier turns in this thread, oldest first. */
  history: ThreadTurnView[];
  /** Aborted when the task's budget runs out or the worker shuts down. */
  signal: AbortSignal;
  /** Records a step (with timings) and shows it in the thread. `label` is in the user's language. */
  startStep(label: string, detail?: Record<string, unknown>): StepHandle;
}

export interface TaskOutcome {
  reply: Reply;
  /** What to remember for follow-ups in this thread. */
  turn?: { sql: string[]; resultSummary: string };
  usage?: TokenUsage & { model: string };
}

export interface TaskHandler {
  run(context: TaskContext): Promise<TaskOutcome>;
}
