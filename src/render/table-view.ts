/**
 * What part of a ResultTable a message shows, and the notes that say what was left out.
 * One policy for every platform: a table longer than `maxRows` or wider than
 * `maxColumns` becomes a summary (its first rows and columns) plus the whole table as a
 * CSV file, so nothing is silently dropped.
 */
import type { Locale } from '../core/locale.ts';
import type { ResultTable } from '../core/reply.ts';
import { formatNumber } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';
import { clipToWidth, columnHeader, formatCell, isNumericColumn } from './table-text.ts';

export const DEFAULT_TABLE_LIMITS: TableLimits = { maxRows: 20, maxColumns: 20, maxCellWidth: 40 };

export interface TableLimits {
  maxRows: number;
  maxColumns: number;
  /** Display columns per cell before it is cut with "…". */
  maxCellWidth: number;
}

export interface TableView {
  header: string[];
  /** Formatted, clipped cells of the rows and columns shown. */
  rows: string[][];
  /** Per shown column: right-align it. */
  numeric: boolean[];
  /** Rows the query produced (at least the rows we hold). */
  totalRows: number;
  /** Rows we hold, which the CSV carries. */
  keptRows: number;
  hiddenRows: number;
  hiddenColumns: number;
  /** The query stopped before its last row (ResultTable.truncated). */
  queryTruncated: boolean;
  /** Some shown cell was cut short. */
  clipped: boolean;
  /** The view leaves something out that a CSV file would carry. */
  needsCsv: boolean;
}

export function tableView(
  table: ResultTable,
  locale: Locale,
  limits: TableLimits = DEFAULT_TABLE_LIMITS,
): TableView {
  const columnCount = Math.min(table.columns.length, Math.max(1, limits.maxColumns));
  const columns = table.columns.slice(0, columnCount);
  const shown = table.rows.slice(0, Math.max(0, limits.maxRows));
  let clipped = false;
  const clip = (text: string) => {
    const result = clipToWidth(text, limits.maxCellWidth);
    clipped ||= result.clipped;
    return result.text;
  };
  const header = columns.map((column) => clip(columnHeader(column)));
  const rows = shown.map((row) =>
    columns.map((column, c) => clip(formatCell(row[c] ?? null, column, locale))),
  );
  const keptRows = table.rows.length;
  const totalRows = Math.max(table.totalRows, keptRows);
  const hiddenRows = totalRows - rows.length;
  const hiddenColumns = table.columns.length - columnCount;
  return {
    header,
    rows,
    numeric: columns.map(isNumericColumn),
    totalRows,
    keptRows,
    hiddenRows,
    hiddenColumns,
    queryTruncated: table.truncated || table.totalRows > keptRows,
    clipped,
    needsCsv: keptRows > rows.length || hiddenColumns > 0 || clipped,
  };
}

/** A shorter view of the same table, for platforms that must shed rows to fit a size limit. */
export function withRows(view: TableView, count: number): TableView {
  const rows = view.rows.slice(0, Math.max(0, count));
  return {
    ...view,
    rows,
    hiddenRows: view.totalRows - rows.length,
    needsCsv: view.needsCsv || view.keptRows > rows.length,
  };
}

/** How the full table reaches the reader, which decides the last note. */
export type CsvDelivery = { kind: 'attached'; filename: string } | { kind: 'link' } | { kind: 'none' };

/** Notes for under the table, in reading order; empty when the view shows everything. */
export function tableNotes(view: TableView, locale: Locale, csv: CsvDelivery): string[] {
  const n = (value: number) => formatNumber(value, locale);
  const notes: string[] = [];
  if (view.totalRows === 0) notes.push(t(locale, 'render.table.empty'));
  if (view.hiddenRows > 0) {
    notes.push(
      t(locale, view.hiddenRows === 1 ? 'render.table.moreRow' : 'render.table.moreRows', {
        count: n(view.hiddenRows),
      }),
    );
  }
  if (view.hiddenColumns > 0) {
    const key = view.hiddenColumns === 1 ? 'render.table.moreColumn' : 'render.table.moreColumns';
    notes.push(t(locale, key, { count: n(view.hiddenColumns) }));
  }
  if (view.clipped) notes.push(t(locale, 'render.table.clipped'));
  if (view.queryTruncated) {
    notes.push(
      t(locale, 'render.table.queryTruncated', { total: n(view.totalRows), rows: n(view.keptRows) }),
    );
  }
  if (view.needsCsv) {
    if (csv.kind === 'attached') {
      notes.push(t(locale, 'render.table.csvAttached', { rows: n(view.keptRows), filename: csv.filename }));
    } else if (csv.kind === 'none') {
      notes.push(t(locale, 'render.table.csvUnavailable'));
    }
  }
  return notes;
}
