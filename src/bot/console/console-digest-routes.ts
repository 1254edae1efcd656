/**
 * POST /api/console/digests: the console's Subscribe form. The body names the answer
 * (taskId) and the form's fields; the answer becomes a digest of its channel, owned by the
 * console's person. Bad input gets a message in the person's language, never zod's text.
 */
import { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import { isKotaeError } from '../../core/errors.ts';
import { t } from '../../core/i18n/translate.ts';
import { intlTag, isLocale, type Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import type { createSubscribeFromAnswer } from '../../digests/subscribe-from-answer.ts';
import { requestLocale } from '../http/request-locale.ts';
import { readJson, sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { consoleUser } from './console-access.ts';
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
  subscribe: ReturnType<typeof createSubscribeFromAnswer>;
  clock: Clock;
  logger: Logger;
}): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/console/digests',
      async handle(request, response) {
        const body = (await readJson(request).catch(() => null)) as Record<string, unknown> | null;
        const locale: Locale = isLocale(body?.['locale']) ? body['locale'] : requestLocale(request);
        const parsed = formSchema.safeParse(body);
        if (!parsed.success) {
          sendJson(response, 400, {
            error: t(locale, 'console.body.fields', { fields: 'taskId, preset, time, emptyMode' }),
          });
          return;
        }
        const { taskId, ...fields } = parsed.data;
        const { locale: _ignored, ...form } = fields;
        void _ignored;
        try {
          const created = await deps.subscribe({
            taskId,
            person: { platform: 'console', workspaceId: CONSOLE_WORKSPACE, userId: consoleUser(request) },
            form,
            now: deps.clock.now(),
          });
          const next = new Intl.DateTimeFormat(intlTag(locale), {
            timeZone: created.timeZone,
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(created.next);
          const text = t(locale, 'digest.subscribe.done', {
            name: created.name,
            id: created.id.slice(0, 8),
            schedule: created.schedule,
            zone: created.timeZone,
            next,
          });
          sendJson(response, 201, { id: created.id, text });
        } catch (error) {
          if (isKotaeError(error) && error.userMessage) {
            sendJson(response, 400, { error: t(locale, error.userMessage, error.userParams) });
            return;
          }
          deps.logger.error('console subscribe failed', { error });
          sendJson(response, 500, {
            error: t(locale, 'digest.failed.internal', { ref: taskId.slice(0, 8) }),
          });
        }
      },
    },
  ];
}
