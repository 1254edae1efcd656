/**
 * The Block Kit shapes Kotae sends, as plain types (the @slack packages may only be
 * imported under src/bot/slack/). test/render/slack-blocks.test.ts checks at compile time
 * that these stay assignable to @slack/types' KnownBlock.
 * Reference: https://docs.slack.dev/reference/block-kit/blocks
 */

export interface SlackPlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
}

export interface SlackSectionBlock {
  type: 'section';
  text: SlackMrkdwn;
}

export interface SlackContextBlock {
  type: 'context';
  elements: Array<SlackMrkdwn | SlackPlainText>;
}

export interface SlackDividerBlock {
  type: 'divider';
}

export type SlackImageBlock =
  | { type: 'image'; image_url: string; alt_text: string; title?: SlackPlainText }
  | { type: 'image'; slack_file: { id: string }; alt_text: string; title?: SlackPlainText };

export interface SlackButton {
  type: 'button';
  action_id: string;
  text: SlackPlainText;
  value: string;
  style?: 'primary' | 'danger';
}

export interface SlackActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: SlackButton[];
}

export interface SlackRawTextCell {
  type: 'raw_text';
  text: string;
}

export interface SlackTableBlock {
  type: 'table';
  rows: SlackRawTextCell[][];
  column_settings?: Array<{ align?: 'left' | 'center' | 'right'; is_wrapped?: boolean }>;
}

export type SlackBlock =
  | SlackSectionBlock
  | SlackContextBlock
  | SlackDividerBlock
  | SlackImageBlock
  | SlackActionsBlock
  | SlackTableBlock;

/** A file for the Slack adapter to upload into the thread (files.getUploadURLExternal flow). */
export interface SlackFile {
  filename: string;
  title: string;
  mimeType: string;
  content: Uint8Array;
}

/** One chat.postMessage / chat.update payload, less channel and thread_ts. */
export interface SlackMessage {
  /** Notification and screen-reader fallback; plain text. */
  text: string;
  blocks: SlackBlock[];
  /** Upload these into the thread after posting this message. */
  files?: SlackFile[];
}
