/**
 * The intake port: what every ingress (Slack, Google Chat, the console) calls once it has
 * verified and parsed a question. It is the whole fast path: validate → dedupe → persist →
 * enqueue. It never waits for an LLM or the warehouse, so Slack's 3 s ack always holds.
 */
import type { QuestionEvent } from '../chat-event.ts';
import type { Locale } from '../locale.ts';
import type { ChatPlatform } from './chat-platform.ts';

export type SubmitResult =
  | { status: 'accepted'; taskId: string; locale: Locale }
  /** The same platform event was seen before (a retry): nothing new was created. */
  | { status: 'duplicate'; taskId: string; locale: Locale }
  /** Bad input; `message` is the text to show the user, in their language. */
  | { status: 'rejected'; code: string; message: string; locale: Locale };

export interface Intake {
  submit(event: QuestionEvent): Promise<SubmitResult>;
  /**
   * Posts the "working…" placeholder for an accepted task and records its id, unless the
   * worker already did. Call it after acking; it never throws (a failure is logged and the
   * worker posts the placeholder instead).
   */
  postPlaceholder(taskId: string, platform: ChatPlatform): Promise<void>;
}
