/**
 * One base for every error Kotae raises on purpose.
 *
 * - `code` is stable: tests, logs and metrics key on it.
 * - `retryable` tells the queue whether to nack (redeliver) or give up.
 * - `userMessage` is a message key from the i18n catalogue; the worker turns it into
 *   the text a person reads, in their language.
 */
import type { MessageKey } from './i18n/catalogue.ts';

export interface KotaeErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  userMessage?: MessageKey;
  userParams?: Record<string, string | number>;
  data?: Record<string, unknown>;
}

export class KotaeError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly userMessage: MessageKey | undefined;
  readonly userParams: Record<string, string | number>;
  readonly data: Record<string, unknown>;

  constructor(code: string, message: string, options: KotaeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KotaeError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.userMessage = options.userMessage;
    this.userParams = options.userParams ?? {};
    this.data = options.data ?? {};
  }
}

export function isKotaeError(error: unknown): error is KotaeError {
  return error instanceof KotaeError;
}

/** Whether an arbitrary thrown value should make the queue redeliver the task. */
export function isRetryable(error: unknown): boolean {
  return isKotaeError(error) ? error.retryable : false;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
