/**
 * Display labels and currencies for result columns. Two sources, the model's word winning:
 * - the model names them (make_chart's `column_labels` and `currency`), in the reader's language;
 * - the table metadata supplies defaults: a column described "都道府県名 / Prefecture name"
 *   (our "日本語 / English" convention) reads 都道府県名 in Japanese and Prefecture name in
 *   English; a description that says 円, yen or JPY (or another ISO code) makes it money.
 */
import { byLocale, type Locale } from '../core/locale.ts';
import type { ResultTable } from '../core/reply.ts';

export interface ColumnLabel {
  label?: string;
  currency?: string;
}

const CURRENCY_CODE = /\b(JPY|USD|EUR|GBP|CNY|KRW|TWD|HKD|SGD|AUD|CAD)\b/;
const MAX_LABEL = 40;

/** The default for one column from its metadata description, or null when it says nothing usable. */
export function labelFromDescription(description: string, locale: Locale): ColumnLabel | null {
  const parts = description.split(/\s+\/\s+/);
  const ja = parts.find((part) => /[\u3040-\u30ff\u3400-\u9fff]/u.test(part));
  const en = parts.find((part) => part !== ja && /[A-Za-z]/.test(part));
  const chosen = byLocale(locale, { ja, en }) ?? (parts.length === 1 ? parts[0] : undefined);
  // The name, without its notes: "売価（税込、円）" → "売価", "Shelf price (tax included)" → "Shelf price".
  const label = chosen
    ?.replace(/[（(][^）)]*[）)]/g, '')
    .split(/[:：。]|\.\s/)[0]!
    .trim();
  const code = CURRENCY_CODE.exec(description)?.[1] ?? (/円|\byen\b/i.test(description) ? 'JPY' : undefined);
  const result: ColumnLabel = {
    ...(label && label.length <= MAX_LABEL ? { label } : {}),
    ...(code ? { currency: code } : {}),
  };
  return result.label || result.currency ? result : null;
}

/** The table with labels applied: the model's first, then the metadata's; names stay as they are. */
export function applyLabels(
  table: ResultTable,
  chosen: ReadonlyMap<string, ColumnLabel>,
  defaults: ReadonlyMap<string, ColumnLabel>,
): ResultTable {
  if (chosen.size === 0 && defaults.size === 0) return table;
  return {
    ...table,
    columns: table.columns.map((column) => {
      const mine = chosen.get(column.name);
      const fallback = defaults.get(column.name);
      const label = mine?.label ?? fallback?.label ?? column.label;
      const currency = mine?.currency ?? fallback?.currency ?? column.currency;
      return { ...column, ...(label ? { label } : {}), ...(currency ? { currency } : {}) };
    }),
  };
}
