/**
 * The Slack side of the chat-platform port: post and update in the thread, upload
 * chart PNGs there. Every call goes through the shared write limiter
 * (../platform/conversation-write-limiter.ts) with Slack's budget: one queue per channel,
 * so a 429 in one channel never delays another, and edits of one message coalesced to at
 * most one a second. Long answers become several messages (the converter splits them).
 */
import type { Block, KnownBlock, WebClient } from '@slack/web-api';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { ThreadRef } from '../../core/chat-event.ts';
import type {
  ChatPlatform,
  FileUpload,
  MessageContent,
  MessageRef,
  UploadedFile,
} from '../../core/ports/chat-platform.ts';
import { createConversationWriteLimiter, type WriteBudget } from '../platform/conversation-write-limiter.ts';
import { createAssistantStatus } from './assistant-status.ts';
import { silentLogger, type Logger } from './bolt-logger.ts';
import {
  defaultSlackRenderer,
  toFileUpload,
  type SlackMessagePayload,
  type SlackRenderer,
} from './message-payload.ts';
import { classifySlackApiError } from './slack-api-errors.ts';
import { sleep, systemTimers, type Timers } from '../../core/timers.ts';
import { createSlackWebClient } from './web-client.ts';
import { KotaeError } from '../../core/errors.ts';

/**
 * Slack posts about one message a second per channel and allows short bursts
 * (https://docs.slack.dev/apis/web-api/rate-limits), so there is no token bucket: one
 * write at a time per channel, in order (placeholder → steps → answer), keeps Kotae near
 * it. chat.update is limited per workspace (Tier 3, ~50 a minute): edits of one message are
 * at least a second apart, and an answer is never replaced by a late step.
 */
export const slackWriteBudget: WriteBudget = {
  maxAttempts: 8,
  maxRateLimitRetries: 5,
  maxTransientRetries: 2,
  baseBackoffMs: 1_000,
  maxBackoffMs: 32_000,
  edits: { minGapMs: 1_000, finalsAreLast: true },
};

export interface SlackPlatformOptions {
  /** The bot token for a Slack team id (ThreadRef.workspaceId). */
  tokenFor(workspaceId: string): Promise<string>;
  /** MessageContent → Slack messages; defaults to src/render/slack-blocks.ts. */
  render?: SlackRenderer;
  /** A client from createSlackWebClient; built from `slackApiUrl` when absent. */
  client?: WebClient;
  slackApiUrl?: string;
  clock?: Clock;
  timers?: Timers;
  /** Minimum gap between edits of one message. */
  updateIntervalMs?: number;
  logger?: Logger;
  onRateLimited?(channelKey: string, retryAfterMs: number): void;
}

/** The converter emits plain Block Kit objects (src/render may not import the Slack SDK). */
function asBlocks(blocks: ReadonlyArray<object>): Array<KnownBlock | Block> {
  return blocks as unknown as Array<KnownBlock | Block>;
}

/** No link previews: a preview is a fetch by Slack of a URL the answer carries. */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

export function createSlackPlatform(options: SlackPlatformOptions): ChatPlatform {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const client = options.client ?? createSlackWebClient({ slackApiUrl: options.slackApiUrl, logger });
  const updateIntervalMs = options.updateIntervalMs ?? slackWriteBudget.edits.minGapMs;
  const limiter = createConversationWriteLimiter({
    budget: { ...slackWriteBudget, edits: { ...slackWriteBudget.edits, minGapMs: updateIntervalMs } },
    clock,
    sleep: (ms) => sleep(timers, ms),
    classify: classifySlackApiError,
    onRateLimited: (key, ms) => {
      logger.warn('Slack rate limited a channel; waiting it out for that channel only', {
        key,
        retryAfterMs: ms,
      });
      options.onRateLimited?.(key, ms);
    },
  });
  const status = createAssistantStatus(client, logger);
  const render = options.render ?? defaultSlackRenderer;
  /** Extra messages of a split answer, by the first message's key. */
  const continuations = new Map<string, string[]>();

  const channelKey = (thread: ThreadRef) => `${thread.workspaceId}:${thread.channelId}`;
  const messageKey = (ref: MessageRef) => `${channelKey(ref.thread)}:${ref.messageId}`;

  async function postOne(thread: ThreadRef, message: SlackMessagePayload): Promise<string> {
    const result = await limiter.run(channelKey(thread), async () =>
      client.chat.postMessage({
        token: await options.tokenFor(thread.workspaceId),
        channel: thread.channelId,
        ...(thread.threadId ? { thread_ts: thread.threadId } : {}),
        text: message.text,
        ...(message.blocks ? { blocks: asBlocks(message.blocks) } : {}),
        ...NO_UNFURL,
      }),
    );
    if (!result.ts) throw new KotaeError('slack_post_no_ts', 'chat.postMessage returned no ts');
    return result.ts;
  }

  async function updateOne(thread: ThreadRef, ts: string, message: SlackMessagePayload): Promise<void> {
    await limiter.run(channelKey(thread), async () =>
      client.chat.update({
        token: await options.tokenFor(thread.workspaceId),
        channel: thread.channelId,
        ts,
        text: message.text,
        blocks: asBlocks(message.blocks ?? []),
        // chat.update's typings omit these; Slack keeps a message's unfurl settings, and we
        // say them again so no edited answer unfurls a link.
        ...NO_UNFURL,
      }),
    );
  }

  async function upload(thread: ThreadRef, file: FileUpload): Promise<UploadedFile> {
    const result = await limiter.run(channelKey(thread), async () =>
      client.files.uploadV2({
        token: await options.tokenFor(thread.workspaceId),
        channel_id: thread.channelId,
        ...(thread.threadId ? { thread_ts: thread.threadId } : {}),
        file: Buffer.from(file.bytes),
        filename: file.filename,
        title: file.title,
        alt_text: file.title,
      } as Parameters<WebClient['files']['uploadV2']>[0]),
    );
    const completed = (result as { files?: Array<{ files?: Array<{ id?: string; permalink?: string }> }> })
      .files;
    const uploaded = completed?.[0]?.files?.[0];
    if (!uploaded?.id)
      throw new KotaeError('slack_upload_no_file', 'files.completeUploadExternal returned no file');
    return {
      fileId: uploaded.id,
      ...(uploaded.permalink ? { url: uploaded.permalink } : {}),
      shownInThread: true,
    };
  }

  /** Files that come with a message (e.g. a long table as CSV) go into its thread after it. */
  async function uploadFiles(thread: ThreadRef, messages: SlackMessagePayload[]): Promise<void> {
    for (const file of messages.flatMap((message) => message.files ?? []))
      await upload(thread, toFileUpload(file));
  }

  async function afterWrite(thread: ThreadRef, content: MessageContent): Promise<void> {
    await status.after(thread, content, await options.tokenFor(thread.workspaceId));
  }

  async function writeUpdate(ref: MessageRef, content: MessageContent): Promise<void> {
    const [first, ...rest] = render(content);
    if (!first) return;
    await updateOne(ref.thread, ref.messageId, first);
    const key = messageKey(ref);
    const existing = continuations.get(key) ?? [];
    const threadRoot = { ...ref.thread, threadId: ref.thread.threadId || ref.messageId };
    const written: string[] = [];
    for (const [index, message] of rest.entries()) {
      const ts = existing[index];
      if (ts) await updateOne(ref.thread, ts, message);
      written.push(ts ?? (await postOne(threadRoot, message)));
    }
    if (written.length) continuations.set(key, written);
    if (content.kind === 'reply') {
      continuations.delete(key);
      await uploadFiles(threadRoot, [first, ...rest]);
    }
    await afterWrite(threadRoot, content);
  }

  /**
   * chat.postMessage has no idempotency key, so posts that carry one are deduplicated in
   * this process: intake and worker both post a task's placeholder when they race, and in
   * one process (`kotae dev`) the second gets the first's message.
   */
  const keyed = new Map<string, Promise<MessageRef>>();

  async function post(thread: ThreadRef, content: MessageContent): Promise<MessageRef> {
    const [first, ...rest] = render(content);
    if (!first) throw new KotaeError('slack_render_empty', 'The Slack renderer produced no message');
    const ts = await postOne(thread, first);
    // A post outside a thread (e.g. `/kotae ask`) starts one; the rest of the answer goes there.
    const threadRoot = { ...thread, threadId: thread.threadId || ts };
    const ref = { thread: threadRoot, messageId: ts };
    const more: string[] = [];
    for (const message of rest) more.push(await postOne(threadRoot, message));
    if (more.length && content.kind === 'status') continuations.set(messageKey(ref), more);
    await uploadFiles(threadRoot, [first, ...rest]);
    limiter.touch(messageKey(ref));
    await afterWrite(threadRoot, content);
    return ref;
  }

  return {
    post(thread, content, postOptions) {
      const key = postOptions?.idempotencyKey;
      if (!key) return post(thread, content);
      const existing = keyed.get(key);
      if (existing) return existing;
      const posting = post(thread, content);
      if (keyed.size >= 10_000) keyed.delete(keyed.keys().next().value as string);
      keyed.set(key, posting);
      posting.catch(() => keyed.delete(key));
      return posting;
    },
    // One FIFO per channel keeps a thread in order, so an edit's writes queue as they come.
    update: (ref, content) =>
      limiter.edit(messageKey(ref), content.kind === 'reply', () => writeUpdate(ref, content)),
    upload,
  };
}
