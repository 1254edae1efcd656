/**
 * The "is thinking…" line under an assistant thread (assistant.threads.setStatus). Slack
 * clears it whenever the app posts in the thread, so it is set again after each progress
 * write and cleared explicitly with the answer. Only DM threads can be assistant threads;
 * a thread that refuses once (an ordinary DM) is remembered and left alone.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ThreadRef } from '../../core/chat-event.ts';
import type { MessageContent } from '../../core/ports/chat-platform.ts';
import type { Logger } from './bolt-logger.ts';

/** Slack shows at most 10 rotating loading messages. */
const MAX_LOADING_MESSAGES = 10;

export interface AssistantStatus {
  after(thread: ThreadRef, content: MessageContent, token: string): Promise<void>;
}

export function createAssistantStatus(client: WebClient, logger: Logger): AssistantStatus {
  const refused = new Set<string>();
  return {
    async after(thread, content, token) {
      if (!thread.channelId.startsWith('D') || !thread.threadId) return;
      const key = `${thread.workspaceId}:${thread.channelId}:${thread.threadId}`;
      if (refused.has(key)) return;
      const status = content.kind === 'status' ? content.text : '';
      const loading = content.kind === 'status' ? content.steps.slice(-MAX_LOADING_MESSAGES) : [];
      try {
        await client.assistant.threads.setStatus({
          token,
          channel_id: thread.channelId,
          thread_ts: thread.threadId,
          status,
          ...(loading.length ? { loading_messages: loading } : {}),
        });
      } catch (error) {
        // Only Slack saying no (e.g. not an assistant thread) is remembered; a 429 or a
        // network error just skips this one status line.
        if ((error as { code?: unknown }).code === ErrorCode.PlatformError) refused.add(key);
        logger.debug('assistant.threads.setStatus skipped', { key, error: String(error) });
      }
    },
  };
}
