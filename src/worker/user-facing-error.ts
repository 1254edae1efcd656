/** Turns any failure into the one clear message the user sees, in their language. */
import { isKotaeError } from '../core/errors.ts';
import type { Locale } from '../core/locale.ts';
import { t } from '../core/i18n/translate.ts';

export function userFacingError(
  error: unknown,
  locale: Locale,
  taskId: string,
): { code: string; message: string } {
  if (isKotaeError(error) && error.userMessage) {
    return { code: error.code, message: t(locale, error.userMessage, error.userParams) };
  }
  const code = isKotaeError(error) ? error.code : 'internal';
  return {
    code,
    message: t(locale, 'task.failed', {
      reason: t(locale, 'task.failed.internal', { ref: taskId.slice(0, 8) }),
    }),
  };
}
