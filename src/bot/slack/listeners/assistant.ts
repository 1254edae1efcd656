/**
 * Slack's AI assistant threads (the app's split view): suggested prompts when a thread
 * starts, the question as the thread's title, and questions handled like any other. The
 * "thinking" status is set by the platform adapter around each progress update.
 */
import { Assistant } from '@slack/bolt';
import { t } from '../../../core/i18n/translate.ts';
import type { Locale } from '../../../core/locale.ts';
import { afterAck } from '../after-ack.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { teamOf, type SlackMessageEvent } from '../slack-parse.ts';
import { submitQuestion } from './questions.ts';

/** Slack truncates long titles; keep ours readable in the history list. */
const MAX_TITLE = 60;

export function createAssistantListener(deps: ListenerDeps): Assistant {
  return new Assistant({
    // Thread context is not used; the default store would call the Web API on the request path.
    threadContextStore: { get: async () => ({}), save: async () => {} },
    threadStarted: async ({ event, body, context }) => {
      const teamId = teamOf(body as unknown as Record<string, unknown>);
      const thread = event.assistant_thread;
      afterAck(context, async () => {
        const locale = teamId ? await deps.localeFor(teamId) : deps.defaultLocale;
        await deps.client.assistant.threads.setSuggestedPrompts({
          token: await deps.tokens.botTokenFor(teamId ?? ''),
          channel_id: thread.channel_id,
          thread_ts: thread.thread_ts,
          title: t(locale, 'slack.prompts.title'),
          prompts: suggestedPrompts(locale),
        });
      });
    },
    threadContextChanged: async () => {},
    userMessage: async ({ message, body, context }) => {
      const event = message as SlackMessageEvent;
      const result = await submitQuestion(deps, body as unknown as Record<string, unknown>, event, context);
      if (result?.status !== 'accepted' || !event.thread_ts || !event.channel) return;
      const title = (event.text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE);
      const teamId = teamOf(body as unknown as Record<string, unknown>, event);
      if (!title || !teamId) return;
      afterAck(context, async () => {
        await deps.client.assistant.threads.setTitle({
          token: await deps.tokens.botTokenFor(teamId),
          channel_id: event.channel!,
          thread_ts: event.thread_ts!,
          title,
        });
      });
    },
  });
}

export function suggestedPrompts(locale: Locale): Array<{ title: string; message: string }> {
  return (['topStores', 'byPrefecture', 'growth'] as const).map((name) => ({
    title: t(locale, `slack.prompts.${name}.title`),
    message: t(locale, `slack.prompts.${name}.message`),
  }));
}
