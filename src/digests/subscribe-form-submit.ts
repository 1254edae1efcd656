/**
 * One Subscribe form submission, whichever platform drew the form (console form, Slack
 * modal, Chat dialog): the fields arrive as strings, are checked here, and become a digest
 * through subscribe-from-answer. The outcome is text in the person's language: the
 * confirmation, or the reason with the field it belongs to, so a modal or dialog can show
 * it next to that field and stay open. Nothing is saved on bad input.
 */
import { isKotaeError } from '../core/errors.ts';
import type { MessageKey } from '../core/i18n/catalogue.ts';
import { formatDateTime } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import type { EmptyMode } from '../store/subscription-store.ts';
import type { createSubscribeFromAnswer, SubscribeForm, SubscribeRequest } from './subscribe-from-answer.ts';

export type AnswerSubscriber = ReturnType<typeof createSubscribeFromAnswer>;

export const SUBSCRIBE_FIELDS = [
  'title',
  'preset',
  'weekday',
  'day',
  'time',
  'timeZone',
  'emptyMode',
] as const;
export type SubscribeField = (typeof SUBSCRIBE_FIELDS)[number];
export const PRESETS = ['daily', 'weekdays', 'weekly', 'monthly'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const EMPTY_MODES = ['post', 'skip'] as const;

export type SubscribeOutcome =
  | { ok: true; id: string; text: string }
  /** `field` null: the answer itself cannot be subscribed. */
  | { ok: false; field: SubscribeField | null; text: string };

export interface SubscribeSubmission {
  taskId: string;
  person: SubscribeRequest['person'];
  fields: Partial<Record<SubscribeField, string | undefined>>;
  locale: Locale;
  now: Date;
}

const ERROR_FIELDS: Record<string, SubscribeField | null> = {
  digest_schedule_invalid: 'time',
  digest_time_zone_invalid: 'timeZone',
  digest_answer_unavailable: null,
};

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | null {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : null;
}

export async function submitSubscribeForm(
  subscribe: AnswerSubscriber,
  submission: SubscribeSubmission,
): Promise<SubscribeOutcome> {
  const { fields, locale } = submission;
  const refuse = (
    field: SubscribeField | null,
    key: MessageKey,
    params?: Record<string, string | number>,
  ) => ({
    ok: false as const,
    field,
    text: t(locale, key, params),
  });
  const preset = oneOf(PRESETS, fields.preset?.trim());
  if (!preset) return refuse('preset', 'digest.form.choice.invalid');
  const emptyMode: EmptyMode | null = oneOf(EMPTY_MODES, fields.emptyMode?.trim());
  if (!emptyMode) return refuse('emptyMode', 'digest.form.choice.invalid');
  const form: SubscribeForm = { preset, time: fields.time?.trim() ?? '', emptyMode };
  if (preset === 'weekly') {
    const weekday = oneOf(WEEKDAYS, fields.weekday?.trim().toLowerCase());
    if (!weekday) return refuse('weekday', 'digest.form.choice.invalid');
    form.weekday = weekday;
  }
  if (preset === 'monthly') {
    const day = Number(fields.day?.trim());
    if (!Number.isInteger(day) || day < 1 || day > 31) return refuse('day', 'digest.form.day.invalid');
    form.day = day;
  }
  if (fields.timeZone?.trim()) form.timeZone = fields.timeZone.trim();
  if (fields.title?.trim()) form.title = fields.title.trim();
  try {
    const created = await subscribe({
      taskId: submission.taskId,
      person: submission.person,
      form,
      now: submission.now,
    });
    const next = formatDateTime(created.next, locale, created.timeZone);
    return {
      ok: true,
      id: created.id,
      text: t(locale, 'digest.subscribe.done', {
        name: created.name,
        id: created.id.slice(0, 8),
        schedule: created.schedule,
        zone: created.timeZone,
        next,
      }),
    };
  } catch (error) {
    if (isKotaeError(error) && error.userMessage && error.code in ERROR_FIELDS)
      return refuse(ERROR_FIELDS[error.code] ?? null, error.userMessage, error.userParams);
    throw error;
  }
}
