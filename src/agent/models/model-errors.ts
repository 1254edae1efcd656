/**
 * The errors every model adapter raises, whatever the vendor. Codes are stable (logs,
 * metrics and tests key on them); `retryable` drives our retries and the fallback chain.
 */
import { KotaeError } from '../../core/errors.ts';
import type { MessageKey } from '../../core/i18n/catalogue.ts';

export type LlmErrorCode =
  | 'llm_rate_limited'
  | 'llm_unavailable'
  | 'llm_timeout'
  | 'llm_auth'
  | 'llm_bad_request'
  | 'llm_invalid_response'
  | 'llm_aborted';

const RETRYABLE: Record<LlmErrorCode, boolean> = {
  llm_rate_limited: true,
  llm_unavailable: true,
  llm_timeout: true,
  llm_auth: false,
  llm_bad_request: false,
  llm_invalid_response: false,
  llm_aborted: false,
};

const USER_MESSAGE: Record<LlmErrorCode, MessageKey> = {
  llm_rate_limited: 'agent.llm.rateLimited',
  llm_unavailable: 'agent.llm.unavailable',
  llm_timeout: 'agent.llm.timeout',
  llm_auth: 'agent.llm.auth',
  llm_bad_request: 'agent.llm.badRequest',
  llm_invalid_response: 'agent.llm.invalidResponse',
  llm_aborted: 'agent.llm.aborted',
};

export interface LlmErrorDetails {
  /** "provider/model". */
  model: string;
  status?: number;
  /** How long the vendor asked us to wait (Retry-After, RetryInfo), when it said. */
  retryAfterMs?: number;
  cause?: unknown;
}

export function llmError(code: LlmErrorCode, message: string, details: LlmErrorDetails): KotaeError {
  return new KotaeError(code, `${details.model}: ${message}`, {
    cause: details.cause,
    retryable: RETRYABLE[code],
    userMessage: USER_MESSAGE[code],
    userParams: { model: details.model, reason: shorten(message, 200) },
    data: {
      model: details.model,
      ...(details.status === undefined ? {} : { status: details.status }),
      ...(details.retryAfterMs === undefined ? {} : { retryAfterMs: details.retryAfterMs }),
    },
  });
}

/** Maps an HTTP status to our code. 408 and 409 are transient on both vendors' APIs. */
export function codeForStatus(status: number): LlmErrorCode {
  if (status === 429) return 'llm_rate_limited';
  if (status === 401 || status === 403) return 'llm_auth';
  if (status === 408) return 'llm_timeout';
  if (status === 409 || status >= 500) return 'llm_unavailable';
  return 'llm_bad_request';
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * OpenAI also sends `retry-after-ms`, which is more precise and wins when present.
 */
export function retryAfterMsFromHeaders(headers: Headers | undefined, now: Date): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
