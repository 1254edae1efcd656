/**
 * One write queue per conversation (a Slack channel, a Google Chat space).
 *
 * - One write at a time per conversation, in order, except that progress edits go after
 *   every other waiting write (a new message or a final answer is never stuck behind them).
 * - An optional token bucket: `burst` writes at once, then refilled so that no 60-second
 *   window holds more than `perMinute` writes (refill = (perMinute − burst) per minute).
 * - A failure is classified by the platform: on a 429 the conversation pauses
 *   (Retry-After when given, else exponential backoff) and the same write is retried;
 *   other transient failures are retried too, a bounded number of times. Every 429 is
 *   reported, so the metrics count them. Other conversations keep going meanwhile.
 */
import type { Clock } from '../../core/clock.ts';

export interface FailureClass {
  /** Worth trying the same write again. */
  retry: boolean;
  /** The platform said "too many requests": pause the whole conversation. */
  rateLimited: boolean;
  retryAfterMs?: number;
}

export interface QueueBudget {
  /** Writes per conversation per minute; without it, writes only wait for each other. */
  perMinute?: number;
  burst?: number;
  /** Attempts per write before its caller gets the error. */
  maxAttempts: number;
  /** Caps per kind of failure (429s, other transient failures); none when absent. */
  maxRateLimitRetries?: number;
  maxTransientRetries?: number;
  /** Backoff after the first failure; doubles with each attempt, up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export interface QueueOptions {
  budget: QueueBudget;
  clock: Clock;
  /** Waits `ms` of the clock's time. Tests pass one that moves a manual clock. */
  sleep: (ms: number) => Promise<void>;
  classify: (error: unknown) => FailureClass;
  /** Told of every 429, retried or not; for metrics and logs. */
  onRateLimited?: (conversation: string, waitMs: number) => void;
}

export interface RunOptions {
  /** A progress edit: it waits behind every other write of its conversation. Read when picked. */
  progress?: boolean;
  /** True once a newer edit of the same message waits; a failure then drops this one. */
  superseded?: () => boolean;
}

export interface ConversationQueues {
  run<T>(conversation: string, write: () => Promise<T>, options?: RunOptions): Promise<T>;
  /** What the queues are busy with now; empty when every queue is. */
  busy(): Promise<void>[];
}

interface PendingWrite {
  write: () => Promise<unknown>;
  options: RunOptions;
  attempts: number;
  limited: number;
  transient: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Queue {
  items: PendingWrite[];
  tokens: number;
  refilledAt: number;
  draining: Promise<void> | null;
}

export function createConversationQueues(options: QueueOptions): ConversationQueues {
  const { budget, sleep, classify } = options;
  const perMinute = budget.perMinute ?? Infinity;
  const burst = Math.min(budget.burst ?? perMinute, perMinute);
  const refillPerMs = Math.max(perMinute - burst, 1) / 60_000;
  const now = () => options.clock.now().getTime();
  const queues = new Map<string, Queue>();

  const queueFor = (conversation: string): Queue => {
    let queue = queues.get(conversation);
    if (!queue) {
      queue = { items: [], tokens: burst, refilledAt: now(), draining: null };
      queues.set(conversation, queue);
    }
    return queue;
  };

  const refill = (queue: Queue): void => {
    const at = now();
    queue.tokens = Math.min(burst, queue.tokens + (at - queue.refilledAt) * refillPerMs);
    queue.refilledAt = at;
  };

  const takeToken = async (queue: Queue): Promise<void> => {
    if (perMinute === Infinity) return;
    refill(queue);
    while (queue.tokens < 1) {
      await sleep(Math.ceil((1 - queue.tokens) / refillPerMs));
      refill(queue);
    }
    queue.tokens -= 1;
  };

  /** The next write worth making; an edit a newer one replaced since it failed is dropped. */
  const next = (queue: Queue): PendingWrite | undefined => {
    for (;;) {
      const index = queue.items.findIndex((item) => !item.options.progress);
      const item = queue.items.splice(index >= 0 ? index : 0, 1)[0];
      if (!item || !item.options.superseded?.()) return item;
      item.resolve(undefined);
    }
  };

  const mayRetry = (item: PendingWrite, failure: FailureClass): boolean => {
    if (!failure.retry || item.attempts >= budget.maxAttempts) return false;
    if (failure.rateLimited) return item.limited <= (budget.maxRateLimitRetries ?? Infinity);
    return item.transient <= (budget.maxTransientRetries ?? Infinity);
  };

  const drain = async (conversation: string, queue: Queue): Promise<void> => {
    for (;;) {
      if (queue.items.length === 0) break;
      await takeToken(queue);
      const item = next(queue);
      if (!item) {
        queue.tokens += 1;
        break;
      }
      item.attempts += 1;
      try {
        item.resolve(await item.write());
      } catch (error) {
        const failure = classify(error);
        if (failure.rateLimited) item.limited += 1;
        else if (failure.retry) item.transient += 1;
        if (item.options.superseded?.()) {
          // A newer edit of the same message is already waiting; this one no longer matters.
          item.resolve(undefined);
        } else if (mayRetry(item, failure)) {
          queue.items.unshift(item);
        } else {
          item.reject(error);
        }
        if (failure.retry) {
          const backoff = Math.min(budget.baseBackoffMs * 2 ** (item.attempts - 1), budget.maxBackoffMs);
          const wait = failure.retryAfterMs ?? backoff;
          if (failure.rateLimited) {
            if (perMinute !== Infinity) queue.tokens = Math.min(queue.tokens, 0);
            options.onRateLimited?.(conversation, wait);
          }
          await sleep(wait);
        }
      }
    }
    queue.draining = null;
    if (perMinute !== Infinity) refill(queue);
    // Forget a quiet conversation only once its bucket is full again, so the budget survives.
    if (queue.items.length === 0 && queue.tokens >= burst - 1e-9) queues.delete(conversation);
  };

  return {
    run<T>(conversation: string, write: () => Promise<T>, runOptions: RunOptions = {}): Promise<T> {
      const queue = queueFor(conversation);
      const promise = new Promise<unknown>((resolve, reject) => {
        queue.items.push({
          write,
          options: runOptions,
          attempts: 0,
          limited: 0,
          transient: 0,
          resolve,
          reject,
        });
      });
      queue.draining ??= drain(conversation, queue);
      return promise as Promise<T>;
    },
    busy: () => [...queues.values()].flatMap((queue) => (queue.draining ? [queue.draining] : [])),
  };
}
