/**
 * The Google Chat side of the chat-platform port, over the Chat REST API with app auth.
 *
 * - post: spaces.messages.create in the asker's thread (`thread.name` with
 *   messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD, so a space without threads
 *   still gets the answer) and a `requestId` derived from the caller's idempotency key:
 *   Chat returns the existing message for a repeated requestId instead of a second one.
 * - update: spaces.messages.patch with updateMask=text,cards_v2 (both, so a field the new
 *   content lacks is cleared).
 * - upload: a Chat app cannot upload files, so the PNG is stored and a signed, expiring
 *   URL is returned for the card's image widget.
 * Every write goes through the shared write limiter
 * (../platform/conversation-write-limiter.ts) with Chat's budget, one queue per space.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ThreadRef } from '../../core/chat-event.ts';
import type { Clock } from '../../core/clock.ts';
import { KotaeError } from '../../core/errors.ts';
import type {
  ChatPlatform,
  MessageContent,
  MessageRef,
  PostOptions,
  UploadedFile,
} from '../../core/ports/chat-platform.ts';
import type { ChartImageStore } from '../../store/chart-image-store.ts';
import type { ChartUrlSigner } from '../charts/chart-url-signer.ts';
import type { ChatApi, ChatApiMessage } from './gchat-client.ts';
import {
  createConversationWriteLimiter,
  type ConversationWriteLimiter,
  type WriteBudget,
} from '../platform/conversation-write-limiter.ts';
import { classifyChatApiError } from './gchat-api-errors.ts';

/**
 * Google Chat allows 60 writes a minute per space, shared by every app in it, and 3,000 a
 * minute per project; past a quota it answers 429 and asks for exponential backoff. A busy
 * space with several questions in flight would pass that with step updates alone, so Kotae
 * keeps half: 30 a minute, 5 at once, with progress edits after new messages and answers.
 * A final answer only wins while it waits: the same message may show a re-run's progress.
 */
export const chatWriteBudget: WriteBudget = {
  perMinute: 30,
  burst: 5,
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 32_000,
  edits: { minGapMs: 0, finalsAreLast: false },
};

/** One Chat message body, as the card converter (src/render/gchat-cards.ts) produces it. */
export interface ChatMessageBody {
  text?: string;
  /** Shown in notifications, where cards cannot be; only set on create (patch cannot change it). */
  fallbackText?: string;
  cardsV2?: unknown[];
}

export type RenderChatMessages = (content: MessageContent) => ChatMessageBody[];

export interface GchatPlatformOptions {
  chat: ChatApi;
  clock: Clock;
  /** MessageContent → Chat messages (the first is the one post/update touch; more follow in the thread). */
  render: RenderChatMessages;
  charts: { store: ChartImageStore; signer: ChartUrlSigner; ttlMs: number };
  /** Shared with anything else that writes to the same spaces; one is made otherwise. */
  limiter?: ConversationWriteLimiter;
}

export interface GchatPlatform extends ChatPlatform {
  /** Creates a message as is (welcome texts, command replies over Pub/Sub). */
  send(
    space: string,
    message: ChatApiMessage,
    options?: { threadName?: string; requestKey?: string },
  ): Promise<string>;
  readonly limiter: ConversationWriteLimiter;
}

const REPLY_OPTION = 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';

export function createGchatPlatform(options: GchatPlatformOptions): GchatPlatform {
  const { chat, clock } = options;
  const limiter =
    options.limiter ??
    createConversationWriteLimiter({ budget: chatWriteBudget, clock, classify: classifyChatApiError });

  const create = (space: string, body: ChatApiMessage, threadName: string | undefined, requestId: string) =>
    limiter.run(space, async () => {
      const { data } = await chat.spaces.messages.create({
        parent: space,
        requestId,
        ...(threadName ? { messageReplyOption: REPLY_OPTION } : {}),
        requestBody: { ...body, ...(threadName ? { thread: { name: threadName } } : {}) },
      });
      if (!data.name) throw new KotaeError('gchat.api_error', 'Chat API created a message without a name');
      return data.name;
    });

  const render = (content: MessageContent): ChatApiMessage[] => {
    const bodies = options.render(content).map(toApiMessage);
    return bodies.length > 0 ? bodies : [{ text: '' }];
  };

  return {
    limiter,

    async post(
      thread: ThreadRef,
      content: MessageContent,
      postOptions: PostOptions = {},
    ): Promise<MessageRef> {
      const [first, ...rest] = render(content);
      const key = postOptions.idempotencyKey;
      const requestId = (index: number) => (key ? requestIdFor(`${key}:${index}`) : randomUUID());
      const threadName = thread.threadId || undefined;
      const messageId = await create(thread.channelId, first!, threadName, requestId(0));
      for (const [index, body] of rest.entries()) {
        await create(thread.channelId, body, threadName, requestId(index + 1));
      }
      return { thread, messageId };
    },

    async update(message: MessageRef, content: MessageContent): Promise<void> {
      const [first, ...rest] = render(content);
      const final = content.kind === 'reply';
      const space = message.thread.channelId;
      const patch = async () => {
        try {
          await chat.spaces.messages.patch({
            name: message.messageId,
            updateMask: 'text,cards_v2',
            requestBody: { text: first!.text ?? '', cardsV2: first!.cardsV2 ?? [] },
          });
        } catch (error) {
          // Someone deleted the placeholder: the answer still has to arrive, as a new message.
          if (!final || classifyChatApiError(error).status !== 404) throw error;
          const thread = message.thread.threadId || undefined;
          await chat.spaces.messages.create({
            parent: space,
            requestId: requestIdFor(`${message.messageId}:replacement`),
            ...(thread ? { messageReplyOption: REPLY_OPTION } : {}),
            requestBody: { ...first!, ...(thread ? { thread: { name: thread } } : {}) },
          });
        }
      };
      await limiter.edit(message.messageId, final, patch, space);
      // Only a final answer may spill into more messages (e.g. a long table); progress never does.
      if (!final) return;
      for (const [index, body] of rest.entries()) {
        await create(
          space,
          body,
          message.thread.threadId || undefined,
          requestIdFor(`${message.messageId}:${index + 1}`),
        );
      }
    },

    async upload(_thread: ThreadRef, file): Promise<UploadedFile> {
      if (file.mimeType !== 'image/png') {
        throw new KotaeError(
          'gchat.upload_unsupported',
          `Google Chat can only show PNG charts, not ${file.mimeType}`,
        );
      }
      if (file.stored) {
        const { imageId, expiresAt } = file.stored;
        return { fileId: imageId, url: options.charts.signer.sign(imageId, expiresAt), shownInThread: false };
      }
      const expiresAt = new Date(clock.now().getTime() + options.charts.ttlMs);
      const id = await options.charts.store.save({ png: file.bytes, expiresAt });
      return { fileId: id, url: options.charts.signer.sign(id, expiresAt), shownInThread: false };
    },

    send(space, message, sendOptions = {}) {
      const requestId = sendOptions.requestKey ? requestIdFor(sendOptions.requestKey) : randomUUID();
      return create(space, message, sendOptions.threadName, requestId);
    },
  };
}

export function toApiMessage(body: ChatMessageBody): ChatApiMessage {
  return {
    ...(body.text !== undefined ? { text: body.text } : {}),
    ...(body.fallbackText !== undefined ? { fallbackText: body.fallbackText } : {}),
    ...(body.cardsV2 ? { cardsV2: body.cardsV2 as ChatApiMessage['cardsV2'] } : {}),
  };
}

/** A UUID-shaped id derived from a key: the same key always gives the same requestId. */
export function requestIdFor(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
