/**
 * The chat-platform port: how the worker talks back into a thread. Slack, Google Chat
 * and the console each implement it. It holds no platform detail: Slack uploads files,
 * Google Chat cannot (a Chat app cannot call media.upload), so `upload` returns where the
 * file can be seen and each platform's converter decides how to show it.
 */
import type { ThreadRef } from '../chat-event.ts';
import type { Reply } from '../reply.ts';

export interface MessageRef {
  thread: ThreadRef;
  messageId: string;
}

/** A progress view: the placeholder and the steps so far. */
export interface StatusContent {
  kind: 'status';
  /** Headline, e.g. 「考え中…」. */
  text: string;
  /** One line per step, already in the reader's language. */
  steps: string[];
}

export interface ReplyContent {
  kind: 'reply';
  reply: Reply;
  /** Where the chart was uploaded, when it was. */
  chart?: UploadedFile;
}

export type MessageContent = StatusContent | ReplyContent;

export interface FileUpload {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  title: string;
  /**
   * The same bytes, already kept in Kotae's chart store (ChartImage) until `expiresAt`:
   * platforms that show charts by signed URL link this instead of storing a copy.
   */
  stored?: { imageId: string; expiresAt: Date };
}

export interface UploadedFile {
  fileId: string;
  /** A URL the platform can fetch or the user can open, when there is one. */
  url?: string;
  /** True when the upload already shows itself in the thread (Slack), so replies need not embed it. */
  shownInThread: boolean;
}

export interface PostOptions {
  /**
   * Stable for one logical post, e.g. "<taskId>:placeholder" or "<taskId>:final", so a
   * retried post (a crashed worker, a redelivered task) never shows twice where the
   * platform can deduplicate (Google Chat's requestId).
   */
  idempotencyKey?: string;
}

export interface ChatPlatform {
  post(thread: ThreadRef, content: MessageContent, options?: PostOptions): Promise<MessageRef>;
  update(message: MessageRef, content: MessageContent): Promise<void>;
  upload(thread: ThreadRef, file: FileUpload): Promise<UploadedFile>;
}

/** The idempotency key of a task's placeholder: ingress and worker post with the same one. */
export function placeholderKey(taskId: string): string {
  return `${taskId}:placeholder`;
}
