/**
 * ChartSpec rows → categories and datasets, with the readability defaults applied before any
 * drawing: dates sorted and formatted per locale, duplicate x values summed, more than
 * MAX_CATEGORIES categories (or MAX_SERIES series) folded into 「その他」/"Other".
 * Pure data; both the renderer and the alt text read the same result.
 */
import type { ChartSpec } from '../../core/chart-spec.ts';
import { t } from '../../core/i18n/translate.ts';
import { chartError } from './chart-errors.ts';
import { numericValue, textOf } from './chart-fields.ts';
import { toChartDate, toChartNumber, type ChartDate } from './chart-values.ts';
import { dateLabelFormatter } from './date-labels.ts';
import { prepareScatter } from './prepare-scatter.ts';
import {
  MAX_CATEGORIES,
  MAX_PIE_SLICES,
  MAX_SERIES,
  type PreparedChart,
  type PreparedDataset,
  type PrepareOptions,
  type XKind,
} from './prepared-chart.ts';

export { MAX_CATEGORIES, MAX_PIE_SLICES, MAX_SERIES } from './prepared-chart.ts';
export type { PreparedChart, PreparedDataset, PrepareOptions, XKind } from './prepared-chart.ts';

/** A dataset while it is built: which series and which y field it came from. */
interface WorkingDataset extends PreparedDataset {
  series: string;
  y: number;
}

interface Category {
  key: string;
  label: string;
  sortKey: number;
}

export function prepareChartData(spec: ChartSpec, options: PrepareOptions): PreparedChart {
  const { locale } = options;
  const otherLabel = t(locale, 'chart.other');
  const yFields = spec.type === 'pie' ? spec.y.slice(0, 1) : spec.y;
  const ys = spec.data.map((row, index) => yFields.map((field) => numericValue(row[field], field, index)));
  if (spec.type === 'pie' && ys.some(([value]) => value !== null && value! < 0)) {
    throw chartError('chart.invalid_spec', 'A pie chart cannot show negative values; use a bar chart.', {
      reason: 'negative values in a pie chart',
    });
  }
  const seriesField = spec.type === 'pie' ? undefined : spec.series;
  const seriesOf = (row: Record<string, unknown>) =>
    seriesField === undefined ? '' : textOf(row[seriesField], locale);

  if (spec.type === 'scatter') return prepareScatter(spec, yFields, ys, seriesOf, otherLabel);

  const xKind = detectXKind(spec.data.map((row) => row[spec.x]));
  const dates = xKind === 'date' ? spec.data.map((row) => toChartDate(row[spec.x])) : [];
  const formatDate =
    xKind === 'date' ? dateLabelFormatter(dates.filter(isDate), locale, options.timeZone) : null;

  const categories = new Map<string, Category>();
  const seriesKeys = new Set<string>();
  const cells = new Map<string, Array<number | null>>();
  spec.data.forEach((row, index) => {
    const x = row[spec.x];
    // A row without a date or number has no place on an ordered axis.
    if (xKind !== 'category' && (x === null || x === undefined || x === '')) return;
    const date = dates[index] ?? null;
    const key = date !== null ? `d${date.time}` : textOf(x, locale);
    if (!categories.has(key)) {
      const label = date !== null && formatDate !== null ? formatDate(date) : textOf(x, locale);
      const sortKey =
        date !== null ? date.time : xKind === 'number' ? (toChartNumber(x) ?? Infinity) : categories.size;
      categories.set(key, { key, label, sortKey });
    }
    const series = seriesOf(row);
    seriesKeys.add(series);
    yFields.forEach((_, y) => {
      const cellKey = `${series}\u0000${y}\u0000${key}`;
      const value = ys[index]![y]!;
      const cell = cells.get(cellKey) ?? [];
      cell.push(value);
      cells.set(cellKey, cell);
    });
  });

  let ordered = [...categories.values()];
  const sortByX = xKind === 'date' || (xKind === 'number' && (spec.type === 'line' || spec.type === 'area'));
  if (sortByX) ordered = ordered.sort((a, b) => a.sortKey - b.sortKey);

  let datasets: WorkingDataset[] = [...seriesKeys].flatMap((series) =>
    yFields.map((field, y): WorkingDataset => ({
      label: seriesField === undefined ? field : yFields.length > 1 ? `${series} · ${field}` : series,
      values: ordered.map((category) => sumOrNull(cells.get(`${series}\u0000${y}\u0000${category.key}`))),
      points: [],
      isOther: false,
      series,
      y,
    })),
  );

  let foldedSeries = 0;
  if (seriesField !== undefined && seriesKeys.size > MAX_SERIES) {
    const totals = new Map([...seriesKeys].map((s) => [s, 0]));
    for (const d of datasets) totals.set(d.series, totals.get(d.series)! + absTotal(d.values));
    const kept = new Set(
      [...seriesKeys].sort((a, b) => totals.get(b)! - totals.get(a)!).slice(0, MAX_SERIES - 1),
    );
    foldedSeries = seriesKeys.size - kept.size;
    const others = yFields.map((field, y): WorkingDataset => ({
      label: yFields.length > 1 ? `${otherLabel} · ${field}` : otherLabel,
      values: sumColumns(datasets.filter((d) => !kept.has(d.series) && d.y === y).map((d) => d.values)),
      points: [],
      isOther: true,
      series: otherLabel,
      y,
    }));
    datasets = [...datasets.filter((d) => kept.has(d.series)), ...others];
  }

  let labels = ordered.map((category) => category.label);
  let otherIndex = -1;
  let foldedCategories = 0;
  const foldable = spec.type === 'bar' || spec.type === 'stacked_bar' || spec.type === 'pie';
  const maxCategories = spec.type === 'pie' ? MAX_PIE_SLICES : MAX_CATEGORIES;
  if (foldable && xKind !== 'date' && labels.length > maxCategories) {
    const weight = labels.map((_, i) => datasets.reduce((sum, d) => sum + Math.abs(d.values[i] ?? 0), 0));
    const keep = new Set(
      labels
        .map((_, i) => i)
        .sort((a, b) => weight[b]! - weight[a]! || a - b)
        .slice(0, maxCategories - 1),
    );
    const keptIndexes = labels.map((_, i) => i).filter((i) => keep.has(i));
    foldedCategories = labels.length - keptIndexes.length;
    for (const d of datasets) {
      const rest = d.values.filter((_, i) => !keep.has(i));
      d.values = [...keptIndexes.map((i) => d.values[i]!), sumOrNull(rest)];
    }
    labels = [...keptIndexes.map((i) => labels[i]!), otherLabel];
    otherIndex = labels.length - 1;
  }

  if (spec.type === 'pie' && xKind === 'category') {
    // Slices read best largest first, clockwise from the top; "Other" stays last.
    const values = datasets[0]!.values;
    const order = labels.map((_, i) => i).filter((i) => i !== otherIndex);
    order.sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || a - b);
    if (otherIndex >= 0) order.push(otherIndex);
    labels = order.map((i) => labels[i]!);
    datasets[0]!.values = order.map((i) => values[i]!);
    otherIndex = otherIndex >= 0 ? labels.length - 1 : -1;
  }

  return {
    spec,
    xKind,
    labels,
    otherIndex,
    datasets: datasets.map(({ label, values, points, isOther }) => ({ label, values, points, isOther })),
    foldedCategories,
    foldedSeries,
    otherLabel,
  };
}

function detectXKind(values: unknown[]): XKind {
  const present = values.filter((value) => value !== null && value !== undefined && value !== '');
  if (present.length === 0) return 'category';
  if (present.every((value) => toChartDate(value) !== null)) return 'date';
  if (present.every((value) => typeof value === 'number' || typeof value === 'bigint')) return 'number';
  return 'category';
}

function isDate(value: ChartDate | null): value is ChartDate {
  return value !== null;
}

function sumOrNull(values: ReadonlyArray<number | null> | undefined): number | null {
  const present = (values ?? []).filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

function absTotal(values: ReadonlyArray<number | null>): number {
  return values.reduce<number>((sum, value) => sum + Math.abs(value ?? 0), 0);
}

function sumColumns(rows: Array<Array<number | null>>): Array<number | null> {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, i) => sumOrNull(rows.map((row) => row[i] ?? null)));
}
