/**
 * Keeps Kotae's writes into one Google Chat space under a per-minute budget.
 *
 * Google Chat limits writes per space — 60 a minute (one a second), shared by every app
 * in that space — and 3,000 message writes a minute per project; past a quota the API
 * answers 429 and asks for exponential backoff. A busy space with several questions in
 * flight would pass the space quota with step updates alone, so every create and patch
 * for a space goes through one queue (default budget 30 a minute, half the quota):
 * - a token bucket: `burst` writes at once, then refilled so that no 60-second window
 *   holds more than `perMinute` writes (refill = (perMinute − burst) per minute);
 * - one write at a time per space; final answers and new messages go before progress
 *   updates;
 * - progress updates to the same message coalesce: a newer one replaces the pending one
 *   (latest wins), but nothing replaces a pending final answer, which is never dropped;
 * - on 429 the space pauses (Retry-After when given, else exponential backoff) and the
 *   same write is retried; on other transient errors too, a bounded number of times.
 */
import type { Clock } from '../../core/clock.ts';

export interface FailureClass {
  /** Worth trying the same write again. */
  retry: boolean;
  /** The platform said "too many requests": pause the whole space. */
  rateLimited: boolean;
  retryAfterMs?: number;
}

export interface SpaceWriteLimiterOptions {
  clock: Clock;
  /** Waits `ms` of the clock's time. Tests pass one that moves a manual clock. */
  sleep?: (ms: number) => Promise<void>;
  perMinute?: number;
  burst?: number;
  /** Attempts per write before its caller gets the error. */
  maxAttempts?: number;
  /** Backoff after the first failure; doubles each time, up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  classify: (error: unknown) => FailureClass;
  /** Told of every 429 (the write is retried after the wait); for metrics and logs. */
  onRateLimited?: (space: string, waitMs: number) => void;
}

export interface SpaceWriteLimiter {
  /** Runs a write that must happen (a new message, a final answer). */
  schedule<T>(space: string, run: () => Promise<T>): Promise<T>;
  /**
   * Runs a write to one message that a later write to the same `key` may replace while
   * it waits. Settles when this write, or the one that replaced it, is done.
   */
  coalesce(space: string, key: string, final: boolean, run: () => Promise<void>): Promise<void>;
  /** Resolves when every queue is empty. */
  idle(): Promise<void>;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface PendingWrite {
  run: () => Promise<unknown>;
  urgent: boolean;
  key?: string;
  final: boolean;
  attempts: number;
  waiters: Waiter[];
}

interface SpaceQueue {
  items: PendingWrite[];
  tokens: number;
  refilledAt: number;
  draining: Promise<void> | null;
}

export function createSpaceWriteLimiter(options: SpaceWriteLimiterOptions): SpaceWriteLimiter {
  const perMinute = options.perMinute ?? 30;
  const burst = Math.min(options.burst ?? 5, perMinute);
  const refillPerMs = Math.max(perMinute - burst, 1) / 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseBackoff = options.baseBackoffMs ?? 1_000;
  const maxBackoff = options.maxBackoffMs ?? 32_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = () => options.clock.now().getTime();
  const spaces = new Map<string, SpaceQueue>();

  const queueFor = (space: string): SpaceQueue => {
    let queue = spaces.get(space);
    if (!queue) {
      queue = { items: [], tokens: burst, refilledAt: now(), draining: null };
      spaces.set(space, queue);
    }
    return queue;
  };

  const refill = (queue: SpaceQueue): void => {
    const at = now();
    queue.tokens = Math.min(burst, queue.tokens + (at - queue.refilledAt) * refillPerMs);
    queue.refilledAt = at;
  };

  const takeToken = async (queue: SpaceQueue): Promise<void> => {
    refill(queue);
    while (queue.tokens < 1) {
      await sleep(Math.ceil((1 - queue.tokens) / refillPerMs));
      refill(queue);
    }
    queue.tokens -= 1;
  };

  const next = (queue: SpaceQueue): PendingWrite | undefined => {
    const index = queue.items.findIndex((item) => item.urgent);
    return queue.items.splice(index >= 0 ? index : 0, 1)[0];
  };

  const drain = async (space: string, queue: SpaceQueue): Promise<void> => {
    for (;;) {
      if (queue.items.length === 0) break;
      await takeToken(queue);
      const item = next(queue);
      if (!item) break;
      item.attempts += 1;
      try {
        const value = await item.run();
        for (const waiter of item.waiters) waiter.resolve(value);
      } catch (error) {
        const failure = options.classify(error);
        const superseded =
          item.key !== undefined && !item.final && queue.items.some((i) => i.key === item.key);
        if (superseded) {
          // A newer update to the same message is already waiting; this one no longer matters.
          for (const waiter of item.waiters) waiter.resolve(undefined);
        } else if (failure.retry && item.attempts < maxAttempts) {
          queue.items.unshift(item);
        } else {
          for (const waiter of item.waiters) waiter.reject(error);
        }
        if (failure.retry) {
          const backoff = Math.min(baseBackoff * 2 ** (item.attempts - 1), maxBackoff);
          const wait = failure.retryAfterMs ?? backoff;
          if (failure.rateLimited) {
            queue.tokens = Math.min(queue.tokens, 0);
            options.onRateLimited?.(space, wait);
          }
          await sleep(wait);
        }
      }
    }
    queue.draining = null;
    refill(queue);
    // Forget a quiet space only once its bucket is full again, so the budget survives.
    if (queue.items.length === 0 && queue.tokens >= burst - 1e-9) spaces.delete(space);
  };

  const enqueue = (space: string, item: Omit<PendingWrite, 'waiters' | 'attempts'>): Promise<unknown> => {
    const queue = queueFor(space);
    const promise = new Promise<unknown>((resolve, reject) => {
      const waiter = { resolve, reject };
      const pending = item.key === undefined ? undefined : queue.items.find((i) => i.key === item.key);
      if (pending) {
        if (pending.final && !item.final) {
          resolve(undefined); // A progress update never replaces a final answer.
          return;
        }
        pending.run = item.run;
        pending.final ||= item.final;
        pending.urgent ||= item.urgent;
        pending.waiters.push(waiter);
        return;
      }
      queue.items.push({ ...item, attempts: 0, waiters: [waiter] });
    });
    queue.draining ??= drain(space, queue);
    return promise;
  };

  return {
    schedule: <T>(space: string, run: () => Promise<T>) =>
      enqueue(space, { run, urgent: true, final: true }) as Promise<T>,
    coalesce: async (space, key, final, run) => {
      await enqueue(space, { run, key, final, urgent: final });
    },
    async idle() {
      for (;;) {
        const draining = [...spaces.values()].map((queue) => queue.draining).filter((d) => d !== null);
        if (draining.length === 0) return;
        await Promise.all(draining);
      }
    },
  };
}
