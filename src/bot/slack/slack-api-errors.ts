/**
 * What a failed Slack Web API call means for a retry. Our WebClient is built with
 * `rejectRateLimitedCalls: true`, so a 429 reaches us as the SDK's rate-limit error with
 * Retry-After in seconds (1 s when Slack gave none); dropped connections and HTTP 5xx are
 * transient; anything else (an API error such as `channel_not_found`) will not get better.
 */
import { ErrorCode } from '@slack/web-api';
import type { FailureClass } from '../platform/conversation-write-limiter.ts';

export function classifySlackApiError(error: unknown): FailureClass {
  const retryAfterMs = rateLimitDelayMs(error);
  if (retryAfterMs !== null) return { retry: true, rateLimited: true, retryAfterMs };
  return { retry: isTransient(error), rateLimited: false };
}

/** Retry-After in ms when the error is the SDK's rate-limit error, else null. */
function rateLimitDelayMs(error: unknown): number | null {
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
