/**
 * A digest's headline and its change since the previous posted run. Deterministic: no
 * model decides which number matters. The headline is the first numeric column of the
 * newest row (the row with the latest date when the first column is a date, else the first
 * row): a single-value query ("yesterday's sales") and a daily series both read naturally.
 */
import type { CellValue, ResultTable } from '../core/reply.ts';

export interface Headline {
  label: string;
  value: number;
}

export interface HeadlineChange {
  previous: number;
  absolute: number;
  /** Null when the previous value was 0 (no meaningful percentage). */
  percent: number | null;
  direction: 'up' | 'down' | 'flat';
}

const DATE_TYPES = new Set(['DATE', 'DATETIME', 'TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMPTZ']);

function numeric(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value.trim()))
    return Number(value);
  return null;
}

function newestRow(table: ResultTable): CellValue[] | undefined {
  const first = table.columns[0];
  if (!first || !DATE_TYPES.has(first.type.toUpperCase()) || table.rows.length < 2) return table.rows[0];
  return table.rows.reduce((latest, row) => (String(row[0] ?? '') > String(latest[0] ?? '') ? row : latest));
}

export function headlineOf(table: ResultTable): Headline | null {
  const row = newestRow(table);
  if (!row) return null;
  for (const [index, column] of table.columns.entries()) {
    if (index === 0 && table.columns.length > 1 && DATE_TYPES.has(column.type.toUpperCase())) continue;
    const value = numeric(row[index]);
    if (value !== null) return { label: column.name, value };
  }
  return null;
}

export function changeSince(current: number, previous: number | null): HeadlineChange | null {
  if (previous === null) return null;
  const absolute = current - previous;
  return {
    previous,
    absolute,
    percent: previous === 0 ? null : (absolute / Math.abs(previous)) * 100,
    direction: absolute > 0 ? 'up' : absolute < 0 ? 'down' : 'flat',
  };
}
