/**
 * The limits on one task: tool steps, LLM tokens and wall-clock time. Each has its own stop
 * reason and message. The wall clock is enforced with a timer that aborts whatever is in
 * flight (LLM request, tool call), so nothing can hang past it.
 */
import type { MessageKey } from '../core/i18n/catalogue.ts';

export interface AgentBudgets {
  /** Tool calls per task. */
  maxSteps: number;
  /** Input + output tokens per task, summed over every LLM turn. */
  maxTokens: number;
  wallClockMs: number;
  /** Tokens of thread history sent with a follow-up. Default 3000. */
  historyTokens?: number;
  /**
   * Output tokens per LLM turn; unset leaves it to the model. Gemini 2.5 counts thinking
   * tokens against this cap, so a small one can end a turn before it says anything.
   */
  maxOutputTokens?: number;
}

export type StopReason = 'steps' | 'tokens' | 'time';

export const STOP_MESSAGE: Record<StopReason, MessageKey> = {
  steps: 'agent.budget.steps',
  tokens: 'agent.budget.tokens',
  time: 'agent.budget.time',
};

export interface Deadline {
  /** Aborts when the task's own signal does or when the time is up. */
  signal: AbortSignal;
  timedOut(): boolean;
  dispose(): void;
}

export function startDeadline(wallClockMs: number, parent: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`the task's time budget of ${wallClockMs} ms ran out`));
  }, wallClockMs);
  const signal = AbortSignal.any([parent, controller.signal]);
  return {
    signal,
    timedOut: () => timedOut,
    dispose: () => clearTimeout(timer),
  };
}
