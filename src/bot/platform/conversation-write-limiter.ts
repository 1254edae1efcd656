/**
 * The one write limiter both chat platforms write through: a queue per conversation
 * (conversation-queue.ts) and coalesced edits per message (message-edits.ts), tuned by
 * each platform's budget and its own reading of API errors:
 * - Slack (slack-platform.ts): about one message a second per channel, bursts allowed, so
 *   no token bucket; writes only wait for each other, and edits of one message are ≥ 1 s
 *   apart. The SDK's own 429 handling would pause every channel; ours pauses one.
 * - Google Chat (gchat-platform.ts): 60 writes a minute per space shared by every app, so
 *   Kotae keeps 30 a minute with a burst of 5, and progress edits go last.
 */
import type { Clock } from '../../core/clock.ts';
import {
  createConversationQueues,
  type FailureClass,
  type QueueBudget,
  type RunOptions,
} from './conversation-queue.ts';
import { createMessageEdits, type EditPolicy } from './message-edits.ts';

export type { FailureClass, RunOptions } from './conversation-queue.ts';

export interface WriteBudget extends QueueBudget {
  edits: EditPolicy;
}

export interface ConversationWriteLimiterOptions {
  budget: WriteBudget;
  clock: Clock;
  /** Waits `ms` of the clock's time; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  /** The platform's reading of a failed write: retry it, and was it a 429? */
  classify: (error: unknown) => FailureClass;
  /** Told of every 429, retried or not; for metrics and logs. */
  onRateLimited?: (conversation: string, waitMs: number) => void;
}

export interface ConversationWriteLimiter {
  /** Runs one API write in its conversation's queue. */
  run<T>(conversation: string, write: () => Promise<T>, options?: RunOptions): Promise<T>;
  /**
   * An edit of one message that a later edit of the same `key` may replace while it waits.
   * With a `conversation`, `write` is one API call, queued there as a progress write unless
   * final; without one, `write` makes its own run() calls. Settles when this edit, or the
   * one that replaced it, is written.
   */
  edit(key: string, final: boolean, write: () => Promise<void>, conversation?: string): Promise<void>;
  /** Records that the message was just written some other way (e.g. posted). */
  touch(key: string): void;
  /** Resolves when nothing waits or is being written. */
  idle(): Promise<void>;
}

const realSleep = (ms: number) =>
  ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createConversationWriteLimiter(
  options: ConversationWriteLimiterOptions,
): ConversationWriteLimiter {
  const sleep = options.sleep ?? realSleep;
  const queues = createConversationQueues({
    budget: options.budget,
    clock: options.clock,
    sleep,
    classify: options.classify,
    ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
  });
  const edits = createMessageEdits({ policy: options.budget.edits, clock: options.clock, sleep, queues });

  return {
    run: (conversation, write, runOptions) => queues.run(conversation, write, runOptions),
    edit: (key, final, write, conversation) => edits.edit(key, final, write, conversation),
    touch: (key) => edits.touch(key),
    async idle() {
      for (;;) {
        const busy = [...queues.busy(), ...edits.busy()];
        if (busy.length === 0) return;
        await Promise.allSettled(busy);
      }
    },
  };
}
