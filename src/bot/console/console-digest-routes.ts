/**
 * POST /api/console/digests: the console's Subscribe form. The body names the answer
 * (taskId) and the form's fields; the answer becomes a digest of its channel, owned by the
 * console's person. Bad input gets a message in the person's language, never zod's text.
 */
import { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import { t } from '../../core/i18n/translate.ts';
import { isLocale, type Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import { submitSubscribeForm, type AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';
import { requestLocale } from '../http/request-locale.ts';
import { readJson, sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { consoleUser } from './console-verify.ts';
import { CONSOLE_WORKSPACE } from './console-channels.ts';

const formSchema = z.object({
  taskId: z.string().min(1).max(64),
  preset: z.enum(['daily', 'weekdays', 'weekly', 'monthly']),
  time: z.string().max(5),
  weekday: z.string().max(9).optional(),
  day: z.coerce.number().int().optional(),
  timeZone: z.string().max(64).optional(),
  emptyMode: z.enum(['skip', 'post']),
  title: z.string().max(200).optional(),
  locale: z.string().optional(),
});

export function createConsoleDigestRoutes(deps: {
  subscribe: AnswerSubscriber;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/console/digests',
      async handle(request, response) {
        const body = (await readJson(request).catch(() => null)) as Record<string, unknown> | null;
        const locale: Locale = isLocale(body?.['locale'])
          ? body['locale']
          : requestLocale(request, deps.defaultLocale);
        const parsed = formSchema.safeParse(body);
        if (!parsed.success) {
          sendJson(response, 400, {
            error: t(locale, 'console.body.fields', { fields: 'taskId, preset, time, emptyMode' }),
          });
          return;
        }
        const { taskId, locale: _ignored, ...form } = parsed.data;
        void _ignored;
        const fields = Object.fromEntries(
          Object.entries(form).map(([key, value]) => [key, value === undefined ? undefined : String(value)]),
        );
        try {
          const outcome = await submitSubscribeForm(deps.subscribe, {
            taskId,
            person: { platform: 'console', workspaceId: CONSOLE_WORKSPACE, userId: consoleUser(request) },
            fields,
            locale,
            now: deps.clock.now(),
          });
          if (outcome.ok) sendJson(response, 201, { id: outcome.id, text: outcome.text });
          else sendJson(response, 400, { error: outcome.text });
        } catch (error) {
          deps.logger.error('console subscribe failed', { error });
          sendJson(response, 500, {
            error: t(locale, 'digest.failed.internal', { ref: taskId.slice(0, 8) }),
          });
        }
      },
    },
  ];
}
