/**
 * MessageContent → Google Chat cardsV2 messages. Mirrors slack-blocks.ts and
 * console-html.ts: status → text → table → chart → provenance → buttons, then packing
 * into messages.
 *
 * Limits (https://developers.google.com/workspace/chat/create-messages and the Card
 * reference): a message, text and cards included, is at most 32,000 bytes; a card shows
 * at most 100 widgets (a section that pushes past 100 is dropped with every section after
 * it). A Chat app cannot upload files, so a large table's CSV is offered by URL when the
 * caller serves one, and otherwise the note says the table was cut.
 */
import type { MessageContent, ReplyContent, StatusContent } from '../core/ports/chat-platform.ts';
import type { Reply } from '../core/reply.ts';
import type { Locale } from '../core/locale.ts';
import { detectLocale } from '../core/locale.ts';
import { t } from '../core/i18n/translate.ts';
import type {
  ChatButton,
  ChatCardWithId,
  ChatGridItem,
  ChatMessage,
  ChatSection,
  ChatWidget,
} from './gchat-card-types.ts';
import { chatTextRenderer, escapeChatHtml, MUTED_COLOR } from './gchat-text.ts';
import type { LinkPolicy } from './link-policy.ts';
import { parseMarkdown } from './markdown.ts';
import { stepsSummary } from './steps-summary.ts';
import { packWithTruncation } from './pack.ts';
import { clipText, replySummary } from './reply-summary.ts';
import { provenanceParts } from './provenance-line.ts';
import { ACTION_IDS, replyButtons } from './reply-actions.ts';
import { statusLines } from './status-lines.ts';
import { DEFAULT_TABLE_LIMITS, tableNotes, tableView, withRows, type TableView } from './table-view.ts';
import { chunkMarkdown, utf8Length } from './text-chunks.ts';

export type { ChatMessage } from './gchat-card-types.ts';

export const GCHAT_LIMITS = {
  messageBytes: 32_000,
  widgetsPerCard: 100,
  /** Bytes kept free for the header, cardId, fallbackText and the thread the adapter adds. */
  messageOverhead: 2_000,
  /** Bytes a section wrapper adds around its widgets, at most. */
  sectionOverhead: 64,
  /** Our budget for one text paragraph. */
  paragraphBytes: 8_000,
  /** Our budget for the one grid. */
  gridBytes: 16_000,
  /** A card is narrow: wider tables go to the CSV. */
  gridColumns: 6,
  cellWidth: 30,
  fallbackText: 300,
} as const;

export interface ChatRenderOptions {
  /** Defaults to the reply's locale; for status, guessed from the headline. */
  locale?: Locale;
  /** An https URL Chat can fetch the chart PNG from; wins over `content.chart.url`. */
  chartUrl?: string;
  /** Where the reader can download the whole table as CSV, when the caller serves it. */
  csvUrl?: string;
  /** Messages one reply may take before its text is cut with a note. Default 10. */
  maxMessages?: number;
  /** Which hosts the answer may link to; by default none (see link-policy.ts). */
  links?: LinkPolicy;
  /**
   * Whether buttons may open dialogs (default true). False for a Workspace add-on, where
   * Chat strips the whole card if any button carries OPEN_DIALOG.
   */
  dialogs?: boolean;
}

type SectionKey = 'text' | 'table' | 'chart' | 'provenance' | 'actions' | 'note';

interface Unit {
  section: SectionKey;
  header?: string;
  widget: ChatWidget;
}

export function toChatMessages(content: MessageContent, options: ChatRenderOptions = {}): ChatMessage[] {
  if (content.kind === 'status')
    return [statusMessage(content, options.locale ?? detectLocale(content.text))];
  const reply = content.reply;
  const locale = options.locale ?? reply.locale;
  const tail = [
    ...tableUnits(reply, locale, options),
    ...chartUnits(content, locale, options),
    ...provenanceUnits(reply, locale),
    ...actionUnits(reply, locale, options.dialogs ?? true),
  ];
  const messages = packWithTruncation(
    {
      body: textUnits(reply, locale, options.links),
      tail,
      makeNote: (dropped) => truncationNote(dropped, locale),
    },
    (unit) =>
      utf8Length(JSON.stringify(unit.widget)) +
      1 +
      GCHAT_LIMITS.sectionOverhead +
      utf8Length(unit.header ?? ''),
    {
      maxUnits: GCHAT_LIMITS.widgetsPerCard,
      maxSize: GCHAT_LIMITS.messageBytes - GCHAT_LIMITS.messageOverhead,
      maxMessages: options.maxMessages ?? 10,
    },
  );
  return messages.map((units, index) => ({
    fallbackText: replySummary(reply, locale, index, messages.length, GCHAT_LIMITS.fallbackText),
    cardsV2: [card(index, kindTitle(reply, locale, index, messages.length), toSections(units))],
  }));
}

function statusMessage(content: StatusContent, locale: Locale): ChatMessage {
  const budget = GCHAT_LIMITS.messageBytes - GCHAT_LIMITS.messageOverhead;
  const lines = statusLines(content.steps, locale, (text) => utf8Length(escapeChatHtml(text)) + 4, budget);
  const widgets: ChatWidget[] =
    lines.length > 0 ? [{ textParagraph: { text: lines.map(escapeChatHtml).join('<br>') } }] : [];
  const sections: ChatSection[] =
    widgets.length > 0 ? [{ header: t(locale, 'render.status.steps'), widgets }] : [];
  return {
    fallbackText: clipText(content.text, GCHAT_LIMITS.fallbackText),
    cardsV2: [
      card(0, { title: clipText(content.text, 200), subtitle: t(locale, 'render.kind.status') }, sections),
    ],
  };
}

function textUnits(reply: Reply, locale: Locale, links?: LinkPolicy): Unit[] {
  const prefix = reply.kind === 'error' ? '⚠️ ' : '';
  const limit = GCHAT_LIMITS.paragraphBytes - utf8Length(prefix);
  const chunks = chunkMarkdown(parseMarkdown(reply.text, links), chatTextRenderer, limit, utf8Length);
  if (chunks.length === 0 && !reply.table && !reply.chart)
    chunks.push(escapeChatHtml(t(locale, 'render.text.empty')));
  return chunks.map((chunk, index) => ({
    section: 'text',
    widget: { textParagraph: { text: index === 0 ? prefix + chunk : chunk } },
  }));
}

function tableUnits(reply: Reply, locale: Locale, options: ChatRenderOptions): Unit[] {
  if (!reply.table) return [];
  let view = tableView(reply.table, locale, {
    ...DEFAULT_TABLE_LIMITS,
    maxColumns: GCHAT_LIMITS.gridColumns,
    maxCellWidth: GCHAT_LIMITS.cellWidth,
  });
  while (view.rows.length > 1 && utf8Length(JSON.stringify(grid(view))) > GCHAT_LIMITS.gridBytes) {
    view = withRows(view, Math.floor(view.rows.length / 2));
  }
  const header = t(locale, 'render.table.title');
  const units: Unit[] = [{ section: 'table', header, widget: grid(view) }];
  const notes = tableNotes(view, locale, options.csvUrl ? { kind: 'link' } : { kind: 'none' });
  if (notes.length > 0)
    units.push({ section: 'table', header, widget: muted(notes.map(escapeChatHtml).join('<br>')) });
  if (view.needsCsv && options.csvUrl) {
    const label = t(locale, 'render.table.csvLink', { rows: view.keptRows.toLocaleString(locale) });
    units.push({
      section: 'table',
      header,
      widget: { buttonList: { buttons: [{ text: label, onClick: { openLink: { url: options.csvUrl } } }] } },
    });
  }
  return units;
}

function grid(view: TableView): ChatWidget {
  // Numbers line up on the right, as in the console and Slack tables.
  const items = [view.header, ...view.rows].flatMap((row) =>
    row.map((title, c): ChatGridItem => (view.numeric[c] ? { title, textAlignment: 'END' } : { title })),
  );
  return {
    grid: { columnCount: view.header.length, borderStyle: { type: 'STROKE', cornerRadius: 4 }, items },
  };
}

function chartUnits(content: ReplyContent, locale: Locale, options: ChatRenderOptions): Unit[] {
  const chart = content.reply.chart;
  if (!chart) return [];
  if (content.chart?.shownInThread) return [];
  const altText = chart.altText || t(locale, 'render.chart.alt', { title: chart.spec.title });
  const url = options.chartUrl ?? content.chart?.url;
  // Chat fetches card images itself, over HTTPS only.
  if (url && /^https:\/\//.test(url))
    return [{ section: 'chart', widget: { image: { imageUrl: url, altText } } }];
  return [
    {
      section: 'chart',
      widget: muted(escapeChatHtml(t(locale, 'render.chart.unavailable', { alt: altText }))),
    },
  ];
}

function provenanceUnits(reply: Reply, locale: Locale): Unit[] {
  const steps = reply.steps?.lines.length ? [stepsSummary(reply.steps, locale)] : [];
  const parts = [...steps, ...(reply.provenance ? provenanceParts(reply.provenance, locale) : [])];
  if (parts.length === 0) return [];
  return [{ section: 'provenance', widget: muted(parts.map(escapeChatHtml).join(' · ')) }];
}

function actionUnits(reply: Reply, locale: Locale, dialogs: boolean): Unit[] {
  const buttons: ChatButton[] = replyButtons(reply, locale).map((button) => ({
    text: button.label,
    onClick: {
      action:
        button.kind === 'show_sql'
          ? { function: ACTION_IDS.showSql, parameters: [{ key: 'taskId', value: button.taskId }] }
          : button.kind === 'confirm'
            ? { function: ACTION_IDS.confirm, parameters: [{ key: 'command', value: button.command ?? '' }] }
            : button.kind === 'subscribe'
              ? {
                  function: ACTION_IDS.subscribe,
                  parameters: [{ key: 'taskId', value: button.taskId }],
                  ...(dialogs ? { interaction: 'OPEN_DIALOG' as const } : {}),
                }
              : {
                  function: ACTION_IDS.feedback,
                  parameters: [
                    { key: 'taskId', value: button.taskId },
                    { key: 'value', value: button.value ?? 'up' },
                  ],
                },
    },
  }));
  return buttons.length > 0 ? [{ section: 'actions', widget: { buttonList: { buttons } } }] : [];
}

function truncationNote(dropped: Unit[], locale: Locale): Unit {
  const count = dropped.reduce(
    (sum, unit) => sum + ('textParagraph' in unit.widget ? unit.widget.textParagraph.text.length : 0),
    0,
  );
  return {
    section: 'note',
    widget: muted(
      escapeChatHtml(t(locale, 'render.text.truncated', { count: count.toLocaleString(locale) })),
    ),
  };
}

/** Neighbouring units of one kind share a section; sections draw the dividers. */
function toSections(units: Unit[]): ChatSection[] {
  const sections: Array<ChatSection & { key: SectionKey }> = [];
  for (const unit of units) {
    const last = sections[sections.length - 1];
    if (last && last.key === unit.section) last.widgets.push(unit.widget);
    else
      sections.push({
        key: unit.section,
        ...(unit.header ? { header: unit.header } : {}),
        widgets: [unit.widget],
      });
  }
  return sections.map(({ key: _key, ...section }) => section);
}

function card(
  index: number,
  header: { title: string; subtitle?: string },
  sections: ChatSection[],
): ChatCardWithId {
  return { cardId: `kotae-${index + 1}`, card: { header, sections } };
}

function kindTitle(
  reply: Reply,
  locale: Locale,
  index: number,
  count: number,
): { title: string; subtitle: string } {
  const kind = t(locale, `render.kind.${reply.kind}`);
  const subtitle =
    count > 1 ? `${kind} ${t(locale, 'render.message.part', { index: index + 1, count })}` : kind;
  return { title: t(locale, 'render.app.name'), subtitle };
}

function muted(html: string): ChatWidget {
  return { textParagraph: { text: `<font color="${MUTED_COLOR}">${html}</font>` } };
}
