/**
 * What a failed Chat API call means for a retry. Google APIs answer 429
 * RESOURCE_EXHAUSTED when a quota (e.g. writes per space) is used up, sometimes with a
 * Retry-After header; 5xx and dropped connections are transient; any other 4xx
 * (bad request, no permission, message gone) will not get better by trying again.
 */
import type { FailureClass } from '../platform/conversation-write-limiter.ts';

export function classifyChatApiError(error: unknown): FailureClass & { status?: number } {
  const status = statusOf(error);
  if (status === 429) {
    const retryAfterMs = retryAfter(error);
    return {
      status,
      retry: true,
      rateLimited: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status !== undefined) return { status, retry: status >= 500 || status === 408, rateLimited: false };
  // No HTTP status: the connection failed (ECONNRESET, timeout) — worth another try.
  const code = (error as { code?: unknown } | null)?.code;
  return { retry: typeof code === 'string' && code.length > 0, rateLimited: false };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { status?: unknown }).status;
  if (typeof direct === 'number') return direct;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

function retryAfter(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } }).response?.headers;
  let value: string | null | undefined;
  // Duck-typed: gaxios hands back a Headers from its own fetch, which is not this realm's
  // `Headers`, so `instanceof` misses it and Chat's Retry-After would be ignored.
  const get = (headers as { get?: unknown } | null | undefined)?.get;
  if (typeof get === 'function')
    value = (get as (name: string) => string | null).call(headers, 'retry-after');
  else if (headers && typeof headers === 'object') value = (headers as Record<string, string>)['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
