/**
 * Reading the fields a ChartSpec names out of its rows, with errors that name the field,
 * the row and the value, so the model can fix its spec.
 */
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import { chartError } from './chart-errors.ts';
import { toChartNumber } from './chart-values.ts';

export function numericValue(value: unknown, field: string, index: number): number | null {
  const number = toChartNumber(value);
  if (number === undefined) throw nonNumeric(field, value, index, 'y fields must hold numbers.');
  return number;
}

export function nonNumeric(field: string, value: unknown, index: number, hint: string) {
  const example = JSON.stringify(value)?.slice(0, 60) ?? String(value);
  return chartError(
    'chart.non_numeric',
    `The field "${field}" has a value that is not a number at row ${index}: ${example}. ${hint}`,
    { field, example },
  );
}

/** A category or series name; blanks get a visible name rather than an empty label. */
export function textOf(value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return t(locale, 'chart.blank');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
