/**
 * Our only retry loop for LLM calls (the SDKs' own retries are switched off, so a 429 is
 * never retried twice over). Exponential backoff with full jitter: each wait is uniform in
 * [0, min(maxDelay, base · 2^n)], which spreads a burst of clients hitting the same limit.
 * A vendor's Retry-After wins when it is given; when it asks for longer than we are willing
 * to wait, we give up at once so the fallback chain can try another provider.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isKotaeError } from '../../core/errors.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryOptions {
  /** Attempts including the first. Default 3. */
  maxAttempts?: number;
  /** Default 500 ms. */
  baseDelayMs?: number;
  /** Default 8 s. */
  maxDelayMs?: number;
  /** The longest Retry-After we honour before giving up instead. Default 20 s. */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  /** Uniform in [0, 1). */
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const defaultSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

export function backoffDelayMs(attempt: number, options: RetryOptions, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const base = options.baseDelayMs ?? 500;
  const cap = Math.min(options.maxDelayMs ?? 8_000, base * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * cap);
}

/** Runs `operation`, retrying retryable KotaeErrors. `attempt` counts from 1. */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isKotaeError(error) || !error.retryable || attempt >= maxAttempts || signal?.aborted) throw error;
      const retryAfterMs =
        typeof error.data['retryAfterMs'] === 'number' ? error.data['retryAfterMs'] : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > (options.maxRetryAfterMs ?? 20_000)) throw error;
      const delayMs = backoffDelayMs(attempt, options, retryAfterMs);
      options.onRetry?.({ attempt, delayMs, error });
      try {
        await sleep(delayMs, signal);
      } catch {
        // Aborted while waiting: the caller's budget ran out; report the real failure.
        throw error;
      }
    }
  }
}
