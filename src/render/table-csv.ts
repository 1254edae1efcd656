/**
 * A ResultTable as a CSV file people open in Excel or Sheets.
 *
 * - RFC 4180: CRLF line ends; a field holding a comma, quote, CR or LF is quoted, and
 *   its quotes are doubled.
 * - UTF-8 with a byte-order mark: without it Excel (notably Japanese Windows, which
 *   assumes Shift_JIS) shows 売上 as mojibake.
 * - Formula guard (OWASP "CSV injection"): a text cell from the warehouse that starts
 *   with = + - @ (or a tab/CR) would run as a formula in Excel, so it gets a leading
 *   apostrophe. Numbers, and text that is just a number ("-12.5"), are left alone.
 */
import type { CellValue, ResultTable } from '../core/reply.ts';

export const CSV_MIME_TYPE = 'text/csv';
const BOM = '\uFEFF';

export interface CsvOptions {
  /** Prefix formula-like text cells with an apostrophe. Default true. */
  formulaGuard?: boolean;
}

export function csvField(value: CellValue, options: CsvOptions = {}): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && (options.formulaGuard ?? true) && looksLikeFormula(value))
    text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function looksLikeFormula(text: string): boolean {
  if (!/^[=+\-@\t\r]/.test(text)) return false;
  return !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim());
}

/** The CSV text, BOM first. */
export function tableToCsv(table: ResultTable, options: CsvOptions = {}): string {
  const lines = [
    table.columns.map((column) => csvField(column.name, { formulaGuard: false })).join(','),
    ...table.rows.map((row) => table.columns.map((_, c) => csvField(row[c] ?? null, options)).join(',')),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function tableToCsvBytes(table: ResultTable, options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(tableToCsv(table, options));
}

/** A safe file name: our prefix, then the task id when there is one. */
export function csvFilename(taskId?: string): string {
  const suffix = taskId ? `-${taskId.replace(/[^\w-]/g, '').slice(0, 40)}` : '';
  return `kotae-result${suffix}.csv`;
}
