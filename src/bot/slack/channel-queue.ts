/**
 * One serial queue per Slack channel, each with its own rate-limit back-off.
 *
 * Why not the SDK's own handling: on HTTP 429 @slack/web-api pauses its whole request
 * queue for Retry-After seconds, so one busy channel would stall every other channel's
 * answers. Our WebClient is built with `rejectRateLimitedCalls: true` (it throws at once)
 * and this queue waits out `Retry-After` for the one channel that hit it; other channels
 * keep going. Serial per channel also keeps a thread in order (placeholder → steps →
 * answer), and matches Slack's posting limit of about one message per second per channel
 * (https://docs.slack.dev/apis/web-api/rate-limits).
 */
import { ErrorCode } from '@slack/web-api';
import { sleep, type Timers } from '../../core/timers.ts';

export interface ChannelQueueOptions {
  timers: Timers;
  /** How many 429s in a row one operation may meet before it fails. */
  maxRateLimitRetries?: number;
  /** Transient failures (network, HTTP 5xx) are retried this many times with back-off. */
  maxTransientRetries?: number;
  onRateLimited?: (key: string, retryAfterMs: number) => void;
}

export interface ChannelQueues {
  run<T>(key: string, operation: () => Promise<T>): Promise<T>;
  /** Operations queued or running for a channel. */
  depth(key: string): number;
}

export function createChannelQueues(options: ChannelQueueOptions): ChannelQueues {
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 5;
  const maxTransientRetries = options.maxTransientRetries ?? 2;
  const tails = new Map<string, Promise<unknown>>();
  const depths = new Map<string, number>();

  async function attempt<T>(key: string, operation: () => Promise<T>): Promise<T> {
    let limited = 0;
    let transient = 0;
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        const retryAfterMs = rateLimitDelayMs(error);
        if (retryAfterMs !== null && limited < maxRateLimitRetries) {
          limited += 1;
          options.onRateLimited?.(key, retryAfterMs);
          await sleep(options.timers, retryAfterMs);
          continue;
        }
        if (retryAfterMs === null && isTransient(error) && transient < maxTransientRetries) {
          transient += 1;
          await sleep(options.timers, 1000 * 2 ** (transient - 1));
          continue;
        }
        throw error;
      }
    }
  }

  return {
    run(key, operation) {
      depths.set(key, (depths.get(key) ?? 0) + 1);
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(() => attempt(key, operation));
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        const depth = (depths.get(key) ?? 1) - 1;
        if (depth === 0) depths.delete(key);
        else depths.set(key, depth);
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    depth: (key) => depths.get(key) ?? 0,
  };
}

/** Retry-After in ms when the error is the SDK's rate-limit error, else null. */
export function rateLimitDelayMs(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const coded = error as { code?: unknown; retryAfter?: unknown };
  if (coded.code !== ErrorCode.RateLimitedError) return null;
  const seconds = typeof coded.retryAfter === 'number' && coded.retryAfter >= 0 ? coded.retryAfter : 1;
  return seconds * 1000;
}

function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const coded = error as { code?: unknown; statusCode?: unknown };
  if (coded.code === ErrorCode.RequestError) return true;
  return (
    coded.code === ErrorCode.HTTPError && typeof coded.statusCode === 'number' && coded.statusCode >= 500
  );
}
