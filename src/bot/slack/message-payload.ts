/**
 * MessageContent → Slack messages, by the shared converter (src/render/slack-blocks.ts):
 * one or more messages, already split to Slack's limits, each with a plain-text fallback,
 * and files (e.g. a CSV of a long table) to upload into the thread after it.
 */
import type { FileUpload, MessageContent } from '../../core/ports/chat-platform.ts';
import { toSlackMessages, type SlackMessage } from '../../render/slack-blocks.ts';
import type { SlackFile } from '../../render/slack-block-types.ts';

export type SlackMessagePayload = SlackMessage;
export type SlackRenderer = (content: MessageContent) => SlackMessage[];

export const defaultSlackRenderer: SlackRenderer = (content) => toSlackMessages(content);

export function toFileUpload(file: SlackFile): FileUpload {
  return { filename: file.filename, mimeType: file.mimeType, bytes: file.content, title: file.title };
}
