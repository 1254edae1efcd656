/**
 * The console's HTTP API (see static/app.js for the page that uses it):
 *   GET  /api/console/channels | threads?channel | messages?channel&thread | status?locale
 *   POST /api/console/messages {channel, thread?, text, locale} → 202 {threadId, messageId}
 *   POST /api/console/feedback {taskId, value}
 *   GET  /api/console/events?channel → Server-Sent Events, `event: message`
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../core/clock.ts';
import { t } from '../../core/i18n/translate.ts';
import { isLocale, type Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import type { ChatPlatform } from '../../core/ports/chat-platform.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { ConsoleMessageStore } from '../../store/console-message-store.ts';
import type { FeedbackStore } from '../../store/feedback-store.ts';
import { readJson, sendJson } from '../http/http-io.ts';
import { requestLocale } from '../http/request-locale.ts';
import type { Route } from '../http/route.ts';
import { consoleCommandText, runConsoleCommand } from './console-commands.ts';
import { feedbackSchema, invalidBody, messageSchema } from './console-parse.ts';
import { consoleUser } from './console-verify.ts';
import { CONSOLE_CHANNELS, CONSOLE_WORKSPACE } from './console-channels.ts';
import type { ConsoleHub } from './console-hub.ts';
import { toConsoleView, type ConsoleHtmlRenderer } from './console-platform.ts';

export interface ConsoleRoutesDeps {
  messages: ConsoleMessageStore;
  feedback: FeedbackStore;
  hub: ConsoleHub;
  intake: Intake;
  /** `/kotae …` typed in the composer; answered only to the sender, never stored. */
  commands?: CommandRouter;
  platform: ChatPlatform;
  render: ConsoleHtmlRenderer;
  clock: Clock;
  logger: Logger;
  /** The notice shown when no LLM is configured, or null. */
  llmNotice: (locale: Locale) => string | null;
  /** The configured language, when a request names none it speaks. */
  defaultLocale: Locale;
}

function query(url: string | undefined): URLSearchParams {
  return new URL(url ?? '/', 'http://localhost').searchParams;
}

export function createConsoleRoutes(deps: ConsoleRoutesDeps): Route[] {
  const channelExists = (id: string | null) => CONSOLE_CHANNELS.some((channel) => channel.id === id);
  const localeOf = (request: IncomingMessage) => requestLocale(request, deps.defaultLocale);

  return [
    {
      method: 'GET',
      path: '/api/console/channels',
      handle: async (_request, response) => sendJson(response, 200, { channels: CONSOLE_CHANNELS }),
    },
    {
      method: 'GET',
      path: '/api/console/status',
      async handle(request, response) {
        const notice = deps.llmNotice(localeOf(request));
        sendJson(response, 200, { llmConfigured: notice === null, ...(notice ? { notice } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/api/console/threads',
      async handle(request, response) {
        const params = query(request.url);
        const channel = params.get('channel');
        if (!channelExists(channel)) {
          sendJson(response, 404, {
            error: t(localeOf(request), 'console.channel.unknown', { channel: String(channel) }),
          });
          return;
        }
        const threads = await deps.messages.listThreads(channel!, 100);
        sendJson(response, 200, {
          threads: threads.map((th) => ({ ...th, updatedAt: th.updatedAt.toISOString() })),
        });
      },
    },
    {
      method: 'GET',
      path: '/api/console/messages',
      async handle(request, response) {
        const params = query(request.url);
        const channel = params.get('channel');
        const thread = params.get('thread');
        if (!channelExists(channel) || !thread) {
          sendJson(response, 404, { error: t(localeOf(request), 'console.thread.unknown') });
          return;
        }
        const records = await deps.messages.listThread(channel!, thread);
        sendJson(response, 200, { messages: records.map((record) => toConsoleView(record, deps.render)) });
      },
    },
    {
      method: 'POST',
      path: '/api/console/messages',
      async handle(request, response) {
        const body = await readJson(request);
        const parsed = messageSchema.safeParse(body);
        if (!parsed.success) {
          // Answer in the language the (otherwise malformed) request asked for, if it did.
          const asked = (body as { locale?: unknown } | null)?.locale;
          const locale = isLocale(asked) ? asked : localeOf(request);
          sendJson(response, 400, { error: invalidBody(body, parsed.error.issues, locale) });
          return;
        }
        const { channel, thread, text } = parsed.data;
        const locale = parsed.data.locale ?? localeOf(request);
        if (!channelExists(channel)) {
          sendJson(response, 404, { error: t(locale, 'console.channel.unknown', { channel }) });
          return;
        }
        if (!text.trim()) {
          sendJson(response, 400, { error: t(locale, 'event.emptyQuestion') });
          return;
        }
        const command = consoleCommandText(text);
        if (command !== null && deps.commands) {
          const answer = await runConsoleCommand(
            { ...deps, commands: deps.commands },
            { channel, thread, text: command, user: consoleUser(request), locale },
          );
          sendJson(response, 200, answer.body);
          await answer.after?.();
          return;
        }
        const id = randomUUID();
        const user = consoleUser(request);
        const threadId = thread ?? id;
        const record = await deps.messages.create({
          id,
          channelId: channel,
          threadId,
          author: 'user',
          userId: user,
          content: { text },
        });
        deps.hub.publish(toConsoleView(record, deps.render));
        const threadRef = {
          platform: 'console' as const,
          workspaceId: CONSOLE_WORKSPACE,
          channelId: channel,
          threadId,
        };
        const result = await deps.intake.submit({
          eventId: id,
          thread: threadRef,
          userId: user,
          text,
          locale,
          receivedAt: deps.clock.now(),
        });
        if (result.status === 'rejected') {
          // Shown in the thread too, as Slack would show it.
          await deps.platform.post(threadRef, {
            kind: 'reply',
            reply: { kind: 'error', locale: result.locale, text: result.message },
          });
          sendJson(response, 422, { error: result.message, threadId, messageId: id });
          return;
        }
        sendJson(response, 202, { threadId, messageId: id, taskId: result.taskId });
        if (result.status === 'accepted') await deps.intake.postPlaceholder(result.taskId, deps.platform);
      },
    },
    {
      method: 'POST',
      path: '/api/console/feedback',
      async handle(request, response) {
        const body = await readJson(request);
        const parsed = feedbackSchema.safeParse(body);
        if (!parsed.success) {
          sendJson(response, 400, { error: invalidBody(body, parsed.error.issues, localeOf(request)) });
          return;
        }
        await deps.feedback.record({ ...parsed.data, userId: consoleUser(request) });
        sendJson(response, 200, { ok: true });
      },
    },
    {
      method: 'GET',
      path: '/api/console/events',
      async handle(request, response) {
        const channel = query(request.url).get('channel');
        if (!channelExists(channel)) {
          sendJson(response, 404, {
            error: t(localeOf(request), 'console.channel.unknown', { channel: String(channel) }),
          });
          return;
        }
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        response.write('retry: 2000\n\n');
        const unsubscribe = deps.hub.subscribe(channel!, (view) => {
          response.write(`event: message\ndata: ${JSON.stringify(view)}\n\n`);
        });
        // Comments keep proxies from closing an idle stream.
        const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
        request.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    },
  ];
}
