/**
 * Table cells as text, and tables as monospaced text. Japanese needs display widths, not
 * string lengths: a full-width character takes two columns in a monospaced font, so a
 * table padded by `.length` comes out ragged.
 */
import type { Locale } from '../core/locale.ts';
import type { CellValue, TableColumn } from '../core/reply.ts';
import { formatCurrency, formatNumber } from '../core/i18n/format.ts';
import { defangUrls, NO_LINKS } from './link-policy.ts';

/** What an empty cell shows. Slack's raw_text cells must not be empty, and a dash reads better. */
export const EMPTY_CELL = '—';

const NUMERIC_TYPES = new Set([
  'INT64',
  'INTEGER',
  'FLOAT64',
  'FLOAT',
  'NUMERIC',
  'BIGNUMERIC',
  'DECIMAL',
  'DOUBLE',
]);

export function isNumericColumn(column: TableColumn): boolean {
  return NUMERIC_TYPES.has(column.type.toUpperCase());
}

/** The header people read: the column's label when it has one, else its name. */
export function columnHeader(column: TableColumn): string {
  return column.label?.trim() || column.name;
}

// Years, ids and codes read wrong with separators ("2,024", "1,001"), so those columns keep raw digits.
const IDENTIFIER_NAME = /(^|[_\s])(id|year|yr|code|zip|postal|no)($|[_\s])|年$|年度|コード|番号|^id$/i;

export function formatCell(value: CellValue, column: TableColumn, locale: Locale): string {
  if (value === null || value === '') return EMPTY_CELL;
  if (typeof value === 'boolean') return String(value);
  // NUMERIC and BIGNUMERIC arrive as strings; those a double holds exactly read as numbers.
  if (typeof value === 'string' && isNumericColumn(column) && /^-?\d{1,15}(\.\d{1,6})?$/.test(value))
    return formatCell(Number(value), column, locale);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (column.currency) return formatCurrency(value, column.currency, locale);
    if (IDENTIFIER_NAME.test(column.name) && Number.isInteger(value)) return String(value);
    return formatNumber(value, locale, Math.abs(value) < 1 && value !== 0 ? 4 : 2);
  }
  // Line breaks would break monospaced rows and table cells alike. A URL in the data is
  // data, never a link: its host stays visible and no platform can turn it into one.
  return defangUrls(value.replace(/\s*[\r\n]+\s*/g, ' '), NO_LINKS);
}

/** Columns a character takes in a monospaced font: 2 for East Asian wide and full-width, 0 for marks. */
export function charWidth(codePoint: number): number {
  if (codePoint === 0x200b || codePoint === 0xfeff) return 0;
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

const MARK = /\p{M}/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += MARK.test(char) ? 0 : charWidth(char.codePointAt(0)!);
  return width;
}

/** Cuts text to at most `width` columns, ending in "…" when it had to cut. */
export function clipToWidth(text: string, width: number): { text: string; clipped: boolean } {
  if (displayWidth(text) <= width) return { text, clipped: false };
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = MARK.test(char) ? 0 : charWidth(char.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return { text: `${out}…`, clipped: true };
}

export function padToWidth(text: string, width: number, align: 'left' | 'right'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? pad + text : text + pad;
}

/**
 * A monospaced table: header, a rule, then rows; numbers right-aligned.
 *
 *   store   | sales
 *   --------+-------
 *   渋谷店  | 12,345
 */
const NUMBER_TEXT =
  /^[-+−]?[¥￥$€£]?\d{1,3}(?:[,，]\d{3})*(?:\.\d+)?(?:%|％|円|万|億|件|人|個|本|点)?$|^[-+−]?\d+(?:\.\d+)?%?$/;

/** Columns of a model-written (pipe) table whose every filled cell is a number: right-aligned. */
export function numericTextColumns(header: string[], rows: string[][]): boolean[] {
  return header.map((_, c) => {
    const cells = rows
      .map((row) => (row[c] ?? '').trim())
      .filter((cell) => cell !== '' && cell !== EMPTY_CELL);
    return cells.length > 0 && cells.every((cell) => NUMBER_TEXT.test(cell));
  });
}

export function renderTextTable(header: string[], rows: string[][], numeric: boolean[]): string[] {
  const widths = header.map((name, c) =>
    Math.max(displayWidth(name), ...rows.map((row) => displayWidth(row[c] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => padToWidth(cell, widths[c]!, numeric[c] ? 'right' : 'left'))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(header), rule, ...rows.map(line)];
}

/** How many leading columns fit in `maxWidth` columns of monospaced text (at least one). */
export function columnsWithin(header: string[], rows: string[][], maxWidth: number): number {
  let used = 0;
  for (let c = 0; c < header.length; c += 1) {
    const width = Math.max(displayWidth(header[c]!), ...rows.map((row) => displayWidth(row[c] ?? '')));
    used += width + (c === 0 ? 0 : 3);
    if (used > maxWidth) return Math.max(1, c);
  }
  return header.length;
}
