/**
 * Alternative text for a chart: what it shows and the numbers a reader would look for
 * (highest and lowest, the trend, the largest share), for screen readers and for clients
 * that cannot show the image. Built from the same prepared data the image is drawn from.
 */
import type { ChartSpec } from '../../core/chart-spec.ts';
import type { MessageKey } from '../../core/i18n/catalogue.ts';
import { formatCompactNumber, formatNumber } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import { byLocale, type Locale } from '../../core/locale.ts';
import { prepareChartData, type PreparedChart } from './prepare-chart-data.ts';
import { validateChartSpec } from './validate-chart-spec.ts';

/** `timeZone` is the task's: timestamps on the x axis are read in it, as the image draws them. */
export function chartAltText(spec: ChartSpec, locale: Locale, timeZone: string): string {
  const type = t(locale, `chart.type.${spec.type}` as MessageKey);
  const header =
    spec.title.trim() === ''
      ? t(locale, 'chart.alt.headerUntitled', { type })
      : t(locale, 'chart.alt.header', { type, title: spec.title.trim() });
  let prepared: PreparedChart;
  try {
    prepared = prepareChartData(validateChartSpec(spec), { locale, timeZone });
  } catch {
    // An invalid spec has no image either; the header is all that can be said truthfully.
    return header;
  }
  const sentences = [header, ...describe(prepared, locale)];
  return sentences.join(byLocale(locale, { ja: '', en: ' ' }));
}

function describe(prepared: PreparedChart, locale: Locale): string[] {
  const { spec, datasets, labels } = prepared;
  const out: string[] = [];
  const list = (names: string[]) => names.join(byLocale(locale, { ja: '、', en: ', ' }));
  const compact = (value: number) => formatCompactNumber(value, locale);

  if (spec.type !== 'pie') {
    out.push(t(locale, 'chart.alt.axes', { x: spec.xLabel ?? spec.x, y: spec.yLabel ?? list(spec.y) }));
  }
  if (spec.type === 'scatter') {
    out.push(t(locale, 'chart.alt.points', { count: datasets.reduce((n, d) => n + d.points.length, 0) }));
  } else {
    out.push(t(locale, 'chart.alt.categories', { count: labels.length }));
  }
  if (datasets.length > 1) {
    const names = datasets.slice(0, 8).map((d) => d.label);
    out.push(t(locale, 'chart.alt.series', { names: list(names) + (datasets.length > 8 ? '…' : '') }));
  }
  if (spec.type === 'scatter') return out;

  // Per category, the total over all datasets (a stacked bar's height; one series' value otherwise).
  const totals = labels.map((label, i) => ({
    label,
    index: i,
    value: datasets.some((d) => d.values[i] !== null)
      ? datasets.reduce((sum, d) => sum + (d.values[i] ?? 0), 0)
      : null,
  }));
  const present = totals.filter(
    (c): c is { label: string; index: number; value: number } => c.value !== null,
  );
  const real = present.filter((c) => c.index !== prepared.otherIndex);

  const trend = spec.type === 'line' || spec.type === 'area' || prepared.xKind === 'date';
  const perSeries = datasets.length > 1 && spec.type !== 'stacked_bar';
  if (trend && perSeries && labels.length >= 2) {
    const trends = datasets.slice(0, 4).flatMap((d) => {
      const change = changeOf(
        d.values.map((value, index) => ({ label: labels[index]!, value })),
        locale,
      );
      return change === null ? [] : [t(locale, 'chart.alt.seriesTrend', { series: d.label, ...change })];
    });
    if (trends.length > 0) {
      out.push(t(locale, 'chart.alt.period', { from: labels[0]!, to: labels.at(-1)!, trends: list(trends) }));
    }
  } else if (trend && present.length >= 2) {
    const change = changeOf(present, locale)!;
    out.push(t(locale, 'chart.alt.trend', { from: present[0]!.label, to: present.at(-1)!.label, ...change }));
  } else if (spec.type === 'pie' && real.length > 0) {
    const sum = present.reduce((n, c) => n + c.value, 0);
    const top = real.reduce((a, b) => (b.value > a.value ? b : a));
    if (sum > 0) {
      out.push(
        t(locale, 'chart.alt.share', {
          label: top.label,
          percent: `${formatNumber((top.value / sum) * 100, locale, 1)}%`,
        }),
      );
    }
  } else if (real.length >= 2) {
    const max = real.reduce((a, b) => (b.value > a.value ? b : a));
    const min = real.reduce((a, b) => (b.value < a.value ? b : a));
    out.push(
      t(locale, 'chart.alt.extremes', {
        maxLabel: max.label,
        maxValue: compact(max.value),
        minLabel: min.label,
        minValue: compact(min.value),
      }),
    );
  }
  const folded = prepared.foldedCategories + prepared.foldedSeries;
  if (folded > 0) out.push(t(locale, 'chart.alt.folded', { count: folded, other: prepared.otherLabel }));
  return out;
}

/** First and last present values and the change between them, formatted. */
function changeOf(
  points: Array<{ label: string; value: number | null }>,
  locale: Locale,
): { first: string; last: string; change: string } | null {
  const present = points.filter((p): p is { label: string; value: number } => p.value !== null);
  if (present.length < 2) return null;
  const first = present[0]!.value;
  const last = present.at(-1)!.value;
  const change = first === 0 ? null : ((last - first) / Math.abs(first)) * 100;
  return {
    first: formatCompactNumber(first, locale),
    last: formatCompactNumber(last, locale),
    change: change === null ? '—' : `${change >= 0 ? '+' : '−'}${formatNumber(Math.abs(change), locale, 1)}%`,
  };
}
