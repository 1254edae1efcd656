/**
 * What the console page sends, checked: a question or command for a channel (and thread),
 * and a thumbs up or down on an answer. What was wrong is said in our words, in the
 * reader's language, never in the validator's.
 */
import { z } from 'zod';
import { t } from '../../core/i18n/translate.ts';
import { LOCALES, type Locale } from '../../core/locale.ts';

/** POST /api/console/messages */
export const messageSchema = z.object({
  channel: z.string().min(1).max(100),
  thread: z.string().min(1).max(100).optional(),
  text: z.string().max(100_000),
  /** The page's language; without it, the request's Accept-Language. */
  locale: z.enum(LOCALES).optional(),
});

/** POST /api/console/feedback */
export const feedbackSchema = z.object({ taskId: z.uuid(), value: z.enum(['up', 'down']) });

/** Which fields of a console request were wrong. */
export function invalidBody(
  body: unknown,
  issues: ReadonlyArray<{ path: PropertyKey[] }>,
  locale: Locale,
): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return t(locale, 'console.body.notObject');
  const fields = [...new Set(issues.map((issue) => String(issue.path[0] ?? '')).filter(Boolean))];
  return t(locale, 'console.body.fields', { fields: fields.join(', ') });
}
