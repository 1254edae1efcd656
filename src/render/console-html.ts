/**
 * MessageContent → one HTML fragment for the console page. Mirrors slack-blocks.ts and
 * gchat-cards.ts: status → text → table → chart → provenance → SQL → buttons. A browser
 * has no message size limit, so nothing is split; the table follows the same summary
 * policy and links its CSV.
 *
 * Safe by construction: all text passes escapeHtml and the only tags are written here,
 * so the page may insert the result as-is. The data-testid hooks are the contract with
 * the console page and its end-to-end test.
 */
import type { MessageContent, ReplyContent, StatusContent } from '../core/ports/chat-platform.ts';
import type { Reply } from '../core/reply.ts';
import type { Locale } from '../core/locale.ts';
import { detectLocale } from '../core/locale.ts';
import { t } from '../core/i18n/translate.ts';
import { escapeHtml, htmlTextRenderer } from './console-text.ts';
import type { LinkPolicy } from './link-policy.ts';
import { parseMarkdown } from './markdown.ts';
import { provenanceParts } from './provenance-line.ts';
import { replyButtons } from './reply-actions.ts';
import { csvFilename, tableToCsvBytes } from './table-csv.ts';
import { DEFAULT_TABLE_LIMITS, tableNotes, tableView } from './table-view.ts';
import { formatSql } from './sql-display.ts';
import { stepsHtml } from './steps-summary.ts';
import { chunkMarkdown } from './text-chunks.ts';

export const CONSOLE_LIMITS = {
  /** The page scrolls sideways, so it shows more columns than a chat card. */
  tableColumns: 50,
  cellWidth: 80,
  /** Larger CSVs are not inlined as data: links (the caller's csvUrl still works). */
  inlineCsvBytes: 2 * 1024 * 1024,
} as const;

export interface ConsoleRenderOptions {
  /** Defaults to the reply's locale; for status, guessed from the headline. */
  locale?: Locale;
  /** Where the page loads the chart from; without one the PNG is inlined as a data: URL. */
  chartUrl?: string;
  /** Where the whole table downloads as CSV; without one it is inlined as a data: URL. */
  csvUrl?: string;
  /** Which hosts the answer may link to; by default none (see link-policy.ts). */
  links?: LinkPolicy;
}

export function toConsoleHtml(content: MessageContent, options: ConsoleRenderOptions = {}): string {
  if (content.kind === 'status') return statusHtml(content, options.locale ?? detectLocale(content.text));
  const reply = content.reply;
  const locale = options.locale ?? reply.locale;
  const parts = [
    textHtml(reply, locale, options.links),
    tableHtml(reply, locale, options),
    chartHtml(content, locale, options),
    provenanceHtml(reply, locale),
    sqlHtml(reply, locale),
    actionsHtml(reply, locale),
    stepsHtml(reply.steps, locale),
  ];
  const kind = reply.kind;
  return `<article class="kotae-reply kotae-reply--${kind}" data-testid="reply" data-kind="${kind}" lang="${locale}">${parts.join('')}</article>`;
}

function statusHtml(content: StatusContent, locale: Locale): string {
  const steps = content.steps
    .map((step) => `<li data-testid="step">${escapeHtml(textIcons(step))}</li>`)
    .join('');
  return (
    `<div class="kotae-status" data-testid="status" role="status" aria-live="polite" lang="${locale}">` +
    `<p class="kotae-status-headline"><span class="kotae-spinner" aria-hidden="true"></span>${escapeHtml(content.text)}</p>` +
    (steps
      ? `<ol class="kotae-steps" aria-label="${escapeHtml(t(locale, 'render.status.steps'))}">${steps}</ol>`
      : '') +
    `</div>`
  );
}

function textHtml(reply: Reply, locale: Locale, links?: LinkPolicy): string {
  const chunks = chunkMarkdown(parseMarkdown(reply.text, links), htmlTextRenderer, Number.POSITIVE_INFINITY);
  if (chunks.length === 0 && !reply.table && !reply.chart)
    chunks.push(`<p>${escapeHtml(t(locale, 'render.text.empty'))}</p>`);
  const icon = reply.kind === 'error' ? '<span class="kotae-error-icon" aria-hidden="true">!</span>' : '';
  return chunks.length > 0 ? `<div class="kotae-text">${icon}${chunks.join('\n')}</div>` : '';
}

function tableHtml(reply: Reply, locale: Locale, options: ConsoleRenderOptions): string {
  if (!reply.table) return '';
  const view = tableView(reply.table, locale, {
    ...DEFAULT_TABLE_LIMITS,
    maxColumns: CONSOLE_LIMITS.tableColumns,
    maxCellWidth: CONSOLE_LIMITS.cellWidth,
  });
  const csvHref = view.needsCsv ? (options.csvUrl ?? inlineCsv(reply)) : undefined;
  const cls = (c: number) => (view.numeric[c] ? ' class="num"' : '');
  const head = view.header.map((name, c) => `<th scope="col"${cls(c)}>${escapeHtml(name)}</th>`).join('');
  const body = view.rows
    .map((row) => `<tr>${row.map((cell, c) => `<td${cls(c)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  const notes = tableNotes(view, locale, csvHref ? { kind: 'link' } : { kind: 'none' }).map(
    (note) => `<span class="kotae-note">${escapeHtml(note)}</span>`,
  );
  if (csvHref) {
    const filename = csvFilename(taskIdOf(reply));
    const label = t(locale, 'render.table.csvLink', { rows: view.keptRows.toLocaleString(locale) });
    notes.push(
      `<a class="kotae-csv" href="${escapeHtml(csvHref)}" download="${escapeHtml(filename)}">${escapeHtml(label)}</a>`,
    );
  }
  const caption = notes.length > 0 ? `<figcaption>${notes.join(' ')}</figcaption>` : '';
  return (
    `<figure class="kotae-table"><div class="kotae-table-scroll"><table data-testid="result-table">` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${caption}</figure>`
  );
}

function inlineCsv(reply: Reply): string | undefined {
  const bytes = tableToCsvBytes(reply.table!);
  if (bytes.length > CONSOLE_LIMITS.inlineCsvBytes) return undefined;
  return `data:text/csv;charset=utf-8;base64,${Buffer.from(bytes).toString('base64')}`;
}

function chartHtml(content: ReplyContent, locale: Locale, options: ConsoleRenderOptions): string {
  const chart = content.reply.chart;
  if (!chart) return '';
  if (content.chart?.shownInThread) return '';
  const alt = chart.altText || t(locale, 'render.chart.alt', { title: chart.spec.title });
  const url = [options.chartUrl, content.chart?.url].find((candidate) => candidate && isPageUrl(candidate));
  // A stored reply keeps the chart as an uploaded file, without its bytes.
  const png: Uint8Array | undefined = chart.png;
  const src =
    url ??
    (png && png.length > 0 ? `data:image/png;base64,${Buffer.from(png).toString('base64')}` : undefined);
  if (!src) return `<p class="kotae-note">${escapeHtml(t(locale, 'render.chart.unavailable', { alt }))}</p>`;
  return `<figure class="kotae-chart"><img data-testid="chart" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy"></figure>`;
}

/** http(s) or a path on our own server: never javascript:, never protocol-relative. */
function isPageUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url);
}

function provenanceHtml(reply: Reply, locale: Locale): string {
  if (!reply.provenance) return '';
  const parts = provenanceParts(reply.provenance, locale).map((part) => `<span>${escapeHtml(part)}</span>`);
  return `<p class="kotae-provenance">${parts.join('<span aria-hidden="true"> · </span>')}</p>`;
}

function sqlHtml(reply: Reply, locale: Locale): string {
  const statements = reply.provenance?.sql ?? [];
  if (statements.length === 0) return '';
  const blocks = statements
    .map((sql, n) => {
      const label =
        statements.length > 1
          ? `<p class="kotae-sql-label">${escapeHtml(t(locale, 'render.sql.statement', { index: n + 1 }))}</p>`
          : '';
      return `${label}<pre><code class="language-sql">${escapeHtml(formatSql(sql))}</code></pre>`;
    })
    .join('');
  return `<details class="kotae-sql" data-testid="sql"><summary>${escapeHtml(t(locale, 'render.button.showSql'))}</summary>${blocks}</details>`;
}

/**
 * Emoji become marks every font carries (the console's own webfont has no emoji): a
 * machine without an emoji font would show boxes. Slack and Google Chat keep their emoji.
 */
const TEXT_ICONS: Array<[RegExp, string]> = [
  [/✅\uFE0F?/gu, '✓'],
  [/⏳\uFE0F?/gu, '…'],
  [/⚠\uFE0F?/gu, '!'],
  [/⏭\uFE0F?/gu, '»'],
  [/👍\uFE0F?/gu, '＋'],
  [/👎\uFE0F?/gu, '－'],
];

export function textIcons(text: string): string {
  return TEXT_ICONS.reduce((out, [emoji, mark]) => out.replace(emoji, mark), text);
}

function actionsHtml(reply: Reply, locale: Locale): string {
  const buttons = replyButtons(reply, locale)
    .filter((button) => button.kind !== 'show_sql')
    .map((button) =>
      button.kind === 'confirm'
        ? `<button type="button" class="kotae-confirm" data-action="confirm" data-command="${escapeHtml(button.command ?? '')}">${escapeHtml(textIcons(button.label))}</button>`
        : button.kind === 'subscribe'
          ? `<button type="button" class="kotae-subscribe" data-action="subscribe" data-task-id="${escapeHtml(button.taskId)}">` +
            `${escapeHtml(button.label)}</button>`
          : `<button type="button" class="kotae-feedback" data-action="feedback" data-task-id="${escapeHtml(button.taskId)}" ` +
            `data-value="${button.value}" aria-pressed="false">${escapeHtml(textIcons(button.label))}</button>`,
    );
  return buttons.length > 0 ? `<div class="kotae-actions">${buttons.join('')}</div>` : '';
}

function taskIdOf(reply: Reply): string | undefined {
  const action = reply.actions?.find((a) => 'taskId' in a);
  return action && 'taskId' in action ? action.taskId : undefined;
}
