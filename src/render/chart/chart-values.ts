/**
 * Reading values out of chart rows: numbers (warehouses send INT64/NUMERIC as strings, DuckDB
 * as BigInt) and dates (BigQuery DATE "2026-01-05", DATETIME/TIMESTAMP ISO text, months "2026-01").
 */

/** A number, null for a missing value, or undefined when the value is not numeric at all. */
export function toChartNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const number = Number(value.trim());
    return value.trim() !== '' && Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

export type DatePrecision = 'month' | 'day' | 'time';

export interface ChartDate {
  time: number;
  precision: DatePrecision;
}

const DATE_TEXT =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?)?)?$/;

export function toChartDate(value: unknown): ChartDate | null {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : { time: value.getTime(), precision: 'time' };
  if (typeof value !== 'string') return null;
  const match = DATE_TEXT.exec(value.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, zone] = match;
  if (day === undefined) {
    const time = Date.UTC(Number(year), Number(month) - 1, 1);
    return Number(month) >= 1 && Number(month) <= 12 ? { time, precision: 'month' } : null;
  }
  if (hour === undefined) {
    const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
    return Number.isNaN(time) ? null : { time, precision: 'day' };
  }
  const offset = zone === undefined || zone === 'Z' || zone === 'UTC' ? 'Z' : normaliseOffset(zone);
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${offset}`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : { time, precision: 'time' };
}

function normaliseOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

/** Visual width: CJK and other full-width characters count as two. */
export function labelWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

/** Shortens a label to `maxWidth` (see labelWidth), ending in "…". */
export function abbreviateLabel(text: string, maxWidth: number): string {
  if (labelWidth(text) <= maxWidth) return text;
  let out = '';
  for (const char of text) {
    if (labelWidth(out + char) > maxWidth - 1) break;
    out += char;
  }
  return `${out}…`;
}
