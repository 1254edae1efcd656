/**
 * The platform-neutral answer. One Reply becomes Slack blocks, Google Chat cardsV2
 * or console HTML through one converter per platform (src/render/).
 */
import type { ChartSpec } from './chart-spec.ts';
import type { Locale } from './locale.ts';

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  name: string;
  /** The warehouse type, normalised: STRING, INT64, FLOAT64, NUMERIC, BOOL, DATE, TIMESTAMP, … */
  type: string;
  /** What people read as the header ("都道府県"), when the model or the table metadata gave one. */
  label?: string;
  /** ISO 4217 code when the column holds money ("JPY"): cells show as currency. */
  currency?: string;
}

export interface ResultTable {
  columns: TableColumn[];
  rows: CellValue[][];
  /** Rows the query produced, which may exceed `rows.length`. */
  totalRows: number;
  truncated: boolean;
}

export interface Provenance {
  /** Every statement that produced the answer, in order. */
  sql: string[];
  bytesProcessed: number;
  rows: number;
  durationMs: number;
  model?: string;
  jobIds?: string[];
}

export interface ReplyChart {
  spec: ChartSpec;
  png: Uint8Array;
  /** Alternative text for screen readers and platforms that cannot show the image. */
  altText: string;
}

export type ReplyAction =
  | { kind: 'show_sql'; taskId: string }
  | { kind: 'feedback'; taskId: string; value: 'up' | 'down' }
  /** Confirms a destructive admin verb: a click runs `/kotae <command>` as the clicker. */
  | { kind: 'confirm'; command: string };

/** The steps the bot took, kept with the answer so a reader can see afterwards what was done. */
export interface ReplySteps {
  lines: Array<{ label: string; state: 'running' | 'done' | 'failed' }>;
  durationMs: number;
}

export interface Reply {
  kind: 'answer' | 'error' | 'info';
  locale: Locale;
  /** Markdown subset: **bold**, _italic_, `code`, ``` blocks, "- " lists, [links](url). */
  text: string;
  table?: ResultTable;
  chart?: ReplyChart;
  provenance?: Provenance;
  actions?: ReplyAction[];
  /** What was done, summarised under the answer ("5 steps · 4.2 s"). */
  steps?: ReplySteps;
}

export function infoReply(locale: Locale, text: string): Reply {
  return { kind: 'info', locale, text };
}

export function errorReply(locale: Locale, text: string): Reply {
  return { kind: 'error', locale, text };
}
