/**
 * MessageContent → Slack Block Kit messages. Mirrors gchat-cards.ts and console-html.ts:
 * status → text → table → chart → provenance → buttons, then packing into messages.
 *
 * Limits (https://docs.slack.dev/reference/block-kit/blocks and each block's page):
 * 50 blocks per message; section text 3,000 characters; 10 context elements; button text
 * 75 characters and value 2,000; one table block per message, at most 100 rows and 20
 * cells per row. Messages whose blocks JSON grows past ~13k characters render unreliably,
 * so each message keeps its blocks under that.
 */
import type { MessageContent, ReplyContent, StatusContent } from '../core/ports/chat-platform.ts';
import type { Reply } from '../core/reply.ts';
import type { Locale } from '../core/locale.ts';
import { detectLocale } from '../core/locale.ts';
import { t } from '../core/i18n/translate.ts';
import type { LinkPolicy } from './link-policy.ts';
import { parseMarkdown } from './markdown.ts';
import { stepsSummary } from './steps-summary.ts';
import { packWithTruncation } from './pack.ts';
import { clipText, replySummary } from './reply-summary.ts';
import { provenanceParts } from './provenance-line.ts';
import { replyButtons } from './reply-actions.ts';
import type {
  SlackBlock,
  SlackFile,
  SlackMessage,
  SlackMrkdwn,
  SlackPlainText,
  SlackSectionBlock,
} from './slack-block-types.ts';
import { escapeSlack, slackCodeBlock, slackTextRenderer } from './slack-text.ts';
import { CSV_MIME_TYPE, csvFilename, tableToCsvBytes } from './table-csv.ts';
import { columnsWithin, renderTextTable } from './table-text.ts';
import { DEFAULT_TABLE_LIMITS, tableNotes, tableView, withRows, type TableView } from './table-view.ts';
import { chunkMarkdown } from './text-chunks.ts';
import { statusLines } from './status-lines.ts';

export type { SlackMessage } from './slack-block-types.ts';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  buttonText: 75,
  altText: 2000,
  tableRows: 100,
  tableColumns: 20,
  /** Our budget for one message's blocks JSON, in characters. */
  blocksJson: 13_000,
  /** Our budget for the one table block, leaving room for text around it. */
  tableJson: 9_000,
  /** Display columns a monospaced table may take before columns are dropped. */
  codeTableWidth: 100,
  fallbackText: 300,
} as const;

export interface SlackRenderOptions {
  /** Defaults to the reply's locale; for status, guessed from the headline. */
  locale?: Locale;
  /** A public URL of the chart PNG; wins over `content.chart.url`. */
  chartUrl?: string;
  /** Slack's table block (default) or a monospaced code block. */
  tableStyle?: 'native' | 'code';
  /** Messages one reply may take before its text is cut with a note. Default 10. */
  maxMessages?: number;
  /** Name of the CSV file for a large table. Default kotae-result[-taskId].csv. */
  csvFilename?: string;
  /** Which hosts the answer may link to; by default none (see link-policy.ts). */
  links?: LinkPolicy;
}

export function toSlackMessages(content: MessageContent, options: SlackRenderOptions = {}): SlackMessage[] {
  if (content.kind === 'status')
    return [statusMessage(content, options.locale ?? detectLocale(content.text))];
  const reply = content.reply;
  const locale = options.locale ?? reply.locale;
  const table = tableBlocks(reply, locale, options);
  const tail = [
    ...table.blocks,
    ...chartBlocks(content, locale, options),
    ...provenanceBlocks(reply, locale),
    ...actionBlocks(reply, locale),
  ];
  const messages = packWithTruncation(
    {
      body: textBlocks(reply, locale, options.links),
      tail,
      makeNote: (dropped) => truncationNote(dropped, locale),
    },
    (block) => JSON.stringify(block).length + 1,
    {
      maxUnits: SLACK_LIMITS.blocksPerMessage,
      maxSize: SLACK_LIMITS.blocksJson,
      maxMessages: options.maxMessages ?? 10,
    },
  );
  return messages.map((blocks, index) => {
    const message: SlackMessage = {
      text: escapeSlack(replySummary(reply, locale, index, messages.length, SLACK_LIMITS.fallbackText)),
      blocks,
    };
    if (table.file && blocks.some((block) => table.blocks.includes(block))) message.files = [table.file];
    return message;
  });
}

function statusMessage(content: StatusContent, locale: Locale): SlackMessage {
  const headline = mrkdwnSection(`*${escapeSlack(content.text)}*`);
  const lines = statusLines(
    content.steps,
    locale,
    (text) => escapeSlack(text).length,
    SLACK_LIMITS.sectionText,
  );
  const blocks: SlackBlock[] =
    lines.length > 0 ? [headline, mrkdwnSection(lines.map(escapeSlack).join('\n'))] : [headline];
  return { text: escapeSlack(clipText(content.text, SLACK_LIMITS.fallbackText)), blocks };
}

function textBlocks(reply: Reply, locale: Locale, links?: LinkPolicy): SlackBlock[] {
  const prefix = reply.kind === 'error' ? ':warning: ' : '';
  const chunks = chunkMarkdown(
    parseMarkdown(reply.text, links),
    slackTextRenderer,
    SLACK_LIMITS.sectionText - prefix.length,
  );
  if (chunks.length === 0 && !reply.table && !reply.chart)
    chunks.push(escapeSlack(t(locale, 'render.text.empty')));
  return chunks.map((chunk, index) => mrkdwnSection(index === 0 ? prefix + chunk : chunk));
}

function tableBlocks(
  reply: Reply,
  locale: Locale,
  options: SlackRenderOptions,
): { blocks: SlackBlock[]; file?: SlackFile } {
  if (!reply.table) return { blocks: [] };
  let view = tableView(reply.table, locale, {
    ...DEFAULT_TABLE_LIMITS,
    maxColumns: SLACK_LIMITS.tableColumns,
  });
  let block: SlackBlock;
  if (options.tableStyle === 'code') {
    const columns = columnsWithin(view.header, view.rows, SLACK_LIMITS.codeTableWidth);
    view = tableView(reply.table, locale, { ...DEFAULT_TABLE_LIMITS, maxColumns: columns });
    const fits = (v: TableView) => codeTable(v).text.text.length <= SLACK_LIMITS.sectionText;
    view = shrinkRows(view, fits);
    block = codeTable(view);
  } else {
    const fits = (v: TableView) => JSON.stringify(nativeTable(v)).length <= SLACK_LIMITS.tableJson;
    view = shrinkRows(view, fits);
    block = nativeTable(view);
  }
  const filename = options.csvFilename ?? csvFilename(taskIdOf(reply));
  const notes = tableNotes(view, locale, { kind: 'attached', filename });
  const blocks: SlackBlock[] = [block];
  if (notes.length > 0) blocks.push(contextBlock(notes.map(escapeSlack)));
  if (!view.needsCsv) return { blocks };
  const file: SlackFile = {
    filename,
    title: t(locale, 'render.table.csvTitle'),
    mimeType: CSV_MIME_TYPE,
    content: tableToCsvBytes(reply.table),
  };
  return { blocks, file };
}

function nativeTable(view: TableView): SlackBlock {
  const cell = (text: string) => ({ type: 'raw_text' as const, text });
  return {
    type: 'table',
    rows: [view.header, ...view.rows].map((row) => row.map(cell)),
    column_settings: view.numeric.map((numeric) => ({ align: numeric ? 'right' : 'left' })),
  };
}

function codeTable(view: TableView) {
  return mrkdwnSection(slackCodeBlock(renderTextTable(view.header, view.rows, view.numeric).join('\n')));
}

/** Halves the shown rows until the table fits (a handful of tries at most). */
function shrinkRows(view: TableView, fits: (view: TableView) => boolean): TableView {
  let current = view;
  while (current.rows.length > 1 && !fits(current))
    current = withRows(current, Math.floor(current.rows.length / 2));
  return current;
}

function chartBlocks(content: ReplyContent, locale: Locale, options: SlackRenderOptions): SlackBlock[] {
  const chart = content.reply.chart;
  if (!chart) return [];
  // An upload already shows itself in the thread; embedding it again would show it twice.
  if (content.chart?.shownInThread) return [];
  const alt = clipText(
    chart.altText || t(locale, 'render.chart.alt', { title: chart.spec.title }),
    SLACK_LIMITS.altText,
  );
  const url = options.chartUrl ?? content.chart?.url;
  if (url && /^https?:\/\//.test(url)) return [{ type: 'image', image_url: url, alt_text: alt }];
  if (content.chart?.fileId)
    return [{ type: 'image', slack_file: { id: content.chart.fileId }, alt_text: alt }];
  return [contextBlock([escapeSlack(t(locale, 'render.chart.unavailable', { alt }))])];
}

function provenanceBlocks(reply: Reply, locale: Locale): SlackBlock[] {
  const steps = reply.steps?.lines.length ? [stepsSummary(reply.steps, locale)] : [];
  const facts = reply.provenance ? provenanceParts(reply.provenance, locale) : [];
  const parts = [...steps, ...facts].slice(0, SLACK_LIMITS.contextElements);
  return parts.length > 0 ? [contextBlock(parts.map(escapeSlack))] : [];
}

function actionBlocks(reply: Reply, locale: Locale): SlackBlock[] {
  const buttons = replyButtons(reply, locale);
  if (buttons.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: 'kotae_actions',
      elements: buttons.map((button) => ({
        type: 'button',
        action_id: button.actionId,
        text: plainText(clipText(button.label, SLACK_LIMITS.buttonText)),
        value: button.command ?? button.taskId,
      })),
    },
  ];
}

function truncationNote(dropped: SlackBlock[], locale: Locale): SlackBlock {
  const count = dropped.reduce(
    (sum, block) => sum + (block.type === 'section' ? block.text.text.length : 0),
    0,
  );
  return contextBlock([
    escapeSlack(t(locale, 'render.text.truncated', { count: count.toLocaleString(locale) })),
  ]);
}

function taskIdOf(reply: Reply): string | undefined {
  const action = reply.actions?.find((a) => 'taskId' in a);
  return action && 'taskId' in action ? action.taskId : undefined;
}

function mrkdwnSection(text: string): SlackSectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function contextBlock(mrkdwnTexts: string[]): SlackBlock {
  return { type: 'context', elements: mrkdwnTexts.slice(0, SLACK_LIMITS.contextElements).map(mrkdwn) };
}

function mrkdwn(text: string): SlackMrkdwn {
  return { type: 'mrkdwn', text };
}

function plainText(text: string): SlackPlainText {
  return { type: 'plain_text', text, emoji: true };
}
