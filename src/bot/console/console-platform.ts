/**
 * The console's side of the chat-platform port: the embedded stand-in for Slack and
 * Google Chat. Messages live in the database (ConsoleMessage) and reach browsers over
 * Server-Sent Events. Like Google Chat, it shows charts by (signed) URL.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { ChatPlatform, MessageContent } from '../../core/ports/chat-platform.ts';
import type { ChartImageStore } from '../../store/chart-image-store.ts';
import type { ConsoleMessageRecord, ConsoleMessageStore } from '../../store/console-message-store.ts';
import type { ChartUrlSigner } from '../charts/chart-url-signer.ts';
import type { ConsoleHub, ConsoleMessageView } from './console-hub.ts';
import { KotaeError } from '../../core/errors.ts';

export const CONSOLE_BOT_ID = 'kotae';

/** Renders bot content to safe HTML (src/render/console-html.ts in production). */
export type ConsoleHtmlRenderer = (content: MessageContent, options: { chartUrl?: string }) => string;

/** Bot content as stored: the reply without chart bytes (the chart is an uploaded file). */
function storable(content: MessageContent): unknown {
  if (content.kind !== 'reply' || !content.reply.chart) return content;
  const { png: _png, ...chart } = content.reply.chart;
  return { ...content, reply: { ...content.reply, chart } };
}

export function toConsoleView(record: ConsoleMessageRecord, render: ConsoleHtmlRenderer): ConsoleMessageView {
  const base = {
    id: record.id,
    channelId: record.channelId,
    threadId: record.threadId,
    author: record.author,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
  if (record.author === 'user') {
    return { ...base, text: String((record.content as { text?: unknown }).text ?? ''), html: null };
  }
  const content = record.content as MessageContent;
  const text = content.kind === 'status' ? content.text : content.reply.text;
  const chartUrl = content.kind === 'reply' ? content.chart?.url : undefined;
  return { ...base, text, html: render(content, chartUrl ? { chartUrl } : {}) };
}

export function createConsolePlatform(deps: {
  messages: ConsoleMessageStore;
  charts: ChartImageStore;
  signer: ChartUrlSigner;
  hub: ConsoleHub;
  render: ConsoleHtmlRenderer;
  clock: Clock;
  chartTtlMs: number;
}): ChatPlatform {
  const publish = (record: ConsoleMessageRecord) => deps.hub.publish(toConsoleView(record, deps.render));

  return {
    async post(thread, content, options) {
      // A keyed post (a task's placeholder) has an id derived from its key: posted again,
      // by a worker after the first poster died before recording it, it is the same message.
      const key = options?.idempotencyKey;
      const id = key ? keyedId(key) : randomUUID();
      const record = await deps.messages[key ? 'createOnce' : 'create']({
        id,
        channelId: thread.channelId,
        // A message posted outside a thread starts one (like Slack): it is its own root.
        threadId: thread.threadId || id,
        author: 'bot',
        userId: CONSOLE_BOT_ID,
        content: storable(content),
      });
      publish(record);
      return { thread: { ...thread, threadId: record.threadId }, messageId: record.id };
    },

    async update(message, content) {
      const record = await deps.messages.update(message.messageId, storable(content));
      if (!record)
        throw new KotaeError('console_message_missing', `console message ${message.messageId} not found`);
      publish(record);
    },

    async upload(_thread, file) {
      const expiresAt = file.stored?.expiresAt ?? new Date(deps.clock.now().getTime() + deps.chartTtlMs);
      const imageId = file.stored?.imageId ?? (await deps.charts.save({ png: file.bytes, expiresAt }));
      // The page is ours, so the chart comes from the page's own origin (see signPath).
      return { fileId: imageId, url: deps.signer.signPath(imageId, expiresAt), shownInThread: false };
    },
  };
}

/** A UUID-shaped id derived from an idempotency key. */
function keyedId(key: string): string {
  const hex = createHash('sha256').update(`console-post:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
