/**
 * What the Slack converter (src/render/slack-blocks.ts) produces for one MessageContent:
 * one or more messages, already split to Slack's limits (50 blocks, 3,000 characters per
 * section, 40,000 per message), each with a plain-text fallback for notifications.
 */
import type { FileUpload, MessageContent } from '../../core/ports/chat-platform.ts';

export interface SlackMessagePayload {
  /** Fallback text: notifications, screen readers, clients that cannot show blocks. */
  text: string;
  blocks?: ReadonlyArray<Record<string, unknown>>;
  /** Files to attach in the thread after the message (e.g. a CSV of a long table). */
  files?: FileUpload[];
}

export type SlackRenderer = (content: MessageContent) => SlackMessagePayload[];
