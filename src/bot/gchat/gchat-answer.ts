/**
 * The shapes of Kotae's answer to one Google Chat interaction, and the small helpers that
 * build them: the thread it belongs to, a message to show at once, made private to its
 * viewer when that is what the answer asks for.
 */
import type { ThreadRef } from '../../core/chat-event.ts';
import type { UploadedFile } from '../../core/ports/chat-platform.ts';
import type { Reply } from '../../core/reply.ts';
import type { ChatApiMessage } from './gchat-client.ts';
import type { ChatContext, EventFormat } from './gchat-parse.ts';
import { toApiMessage, type RenderChatMessages } from './gchat-platform.ts';

/** A message to show right away: the HTTP response body, or (Pub/Sub) a create call. */
export interface ImmediateMessage {
  format: EventFormat;
  space: string;
  threadName?: string;
  message: ChatApiMessage;
  /** True for a card click's answer, which Chat must post as a new message. */
  newMessage?: boolean;
}

export interface HandledEvent {
  immediate: ImmediateMessage | null;
  /** Work to run after the delivery is acknowledged (the "working…" placeholder). */
  after?: () => Promise<void>;
}

/** How the event came: only an HTTP request can be answered with a dialog. */
export type ChatTransport = 'http' | 'pubsub';

/** The thread an interaction belongs to; consumer accounts have no domain, so a default one. */
export function threadOf(context: ChatContext, defaultWorkspaceId = 'default'): ThreadRef {
  return {
    platform: 'gchat',
    workspaceId: context.user.domainId ?? defaultWorkspaceId,
    channelId: context.space.name,
    threadId: context.threadName ?? '',
  };
}

export function immediateMessage(
  context: ChatContext,
  message: ChatApiMessage,
  extra: Partial<ImmediateMessage> = {},
): ImmediateMessage {
  return {
    format: context.format,
    space: context.space.name,
    ...(context.threadName ? { threadName: context.threadName } : {}),
    message,
    ...extra,
  };
}

/** Chat shows a private message only to `viewer`; in a DM everything is private anyway. */
export function privately(context: ChatContext, message: ChatApiMessage): ChatApiMessage {
  return context.space.isDm ? message : { ...message, privateMessageViewer: { name: context.user.name } };
}

/** A command's or an action's reply as one Chat message (text, cards, the chart). */
export function replyMessage(render: RenderChatMessages, reply: Reply, chart?: UploadedFile): ChatApiMessage {
  const [first] = render({ kind: 'reply', reply, ...(chart ? { chart } : {}) });
  return first ? toApiMessage(first) : { text: reply.text };
}
