/**
 * PreparedChart → Chart.js configuration, with our readable defaults: Okabe–Ito colours,
 * horizontal bars when category names are long, abbreviated tick labels, 万/億 (or K/M)
 * on value axes, a white background and value labels where they fit.
 */
import type { ChartConfiguration, ChartDataset, Scale } from 'chart.js';
import { formatCompactNumber, formatNumber, intlLocale } from '../../core/i18n/format.ts';
import type { Locale } from '../../core/locale.ts';
import { abbreviateLabel, labelWidth } from './chart-values.ts';
import { backgroundPlugin, showsBarValueLabels, valueLabelsPlugin } from './chart-plugins.ts';
import { OTHER_COLOUR, seriesColour, withAlpha } from './palette.ts';
import type { PreparedChart, PreparedDataset } from './prepare-chart-data.ts';

/** Bars go horizontal when a category name is wider than this (full-width characters count 2). */
const HORIZONTAL_LABEL_WIDTH = 16;
const TICK_LABEL_WIDTH = { vertical: 16, horizontal: 26 } as const;

export interface ChartLayout {
  horizontal: boolean;
}

export function chooseLayout(prepared: PreparedChart): ChartLayout {
  const { spec, labels, xKind } = prepared;
  const isBar = spec.type === 'bar' || spec.type === 'stacked_bar';
  const widest = Math.max(0, ...labels.map(labelWidth));
  const crowded = labels.length > 12 && widest > 8;
  return { horizontal: isBar && xKind === 'category' && (widest > HORIZONTAL_LABEL_WIDTH || crowded) };
}

export function buildChartConfig(prepared: PreparedChart, locale: Locale): ChartConfiguration {
  const { spec } = prepared;
  const layout = chooseLayout(prepared);
  const compact = (value: number | string) => formatCompactNumber(Number(value), locale);
  const isPie = spec.type === 'pie';
  const stacked = spec.type === 'stacked_bar';
  const usesMarkers = spec.type === 'line' || spec.type === 'area' || spec.type === 'scatter';

  const categoryTicks = {
    autoSkip: true,
    maxRotation: 45,
    callback(this: Scale, value: number | string) {
      const label = this.getLabelForValue(Number(value));
      return abbreviateLabel(
        label,
        layout.horizontal ? TICK_LABEL_WIDTH.horizontal : TICK_LABEL_WIDTH.vertical,
      );
    },
  };
  const valueTicks = { callback: compact };
  const title = (text: string | undefined) => ({ display: Boolean(text), text: text ?? '' });
  const xTitle = spec.xLabel ?? spec.x;
  const yTitle = spec.yLabel ?? (prepared.datasets.length === 1 ? spec.y[0] : undefined);

  const valueAxis = {
    beginAtZero: spec.type !== 'line' && spec.type !== 'scatter',
    stacked,
    ticks: valueTicks,
    // Head room for the value written past the longest bar.
    grace: showsBarValueLabels(prepared) ? '8%' : 0,
  };
  const categoryAxis = { stacked, ticks: categoryTicks, grid: { display: false } };
  // Typed loosely: Chart.js's scale option types require every default; it fills them in.
  const scales: Record<string, object> = isPie
    ? {}
    : spec.type === 'scatter'
      ? {
          x: { type: 'linear', ticks: valueTicks, title: title(xTitle) },
          y: { type: 'linear', ticks: valueTicks, title: title(yTitle) },
        }
      : layout.horizontal
        ? {
            x: { ...valueAxis, title: title(yTitle) },
            y: { ...categoryAxis, title: title(xTitle) },
          }
        : {
            x: { ...categoryAxis, title: title(xTitle) },
            y: { ...valueAxis, title: title(yTitle) },
          };

  return {
    type: isPie
      ? 'pie'
      : spec.type === 'scatter'
        ? 'scatter'
        : spec.type === 'line' || spec.type === 'area'
          ? 'line'
          : 'bar',
    data: {
      labels: isPie || spec.type !== 'scatter' ? prepared.labels : undefined,
      datasets: prepared.datasets.map((dataset, index) => styleDataset(prepared, dataset, index)),
    },
    options: {
      // Server-side: no resize observers, no animation frames, one canvas pixel per pixel.
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      locale: intlLocale(locale),
      indexAxis: layout.horizontal ? 'y' : 'x',
      layout: { padding: 12 },
      scales,
      plugins: {
        title: {
          display: spec.title !== '',
          text: spec.title,
          font: { size: 18, weight: 'bold' },
          padding: { bottom: 12 },
        },
        legend: {
          display: isPie || prepared.datasets.length > 1,
          position: isPie ? 'right' : 'top',
          // Lines and points show their marker shape in the legend, at marker size.
          labels: usesMarkers ? { usePointStyle: true, boxWidth: 8, boxHeight: 8 } : { boxWidth: 14 },
        },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label ?? ''}: ${formatNumber(Number(item.parsed.y ?? item.raw), locale)}`,
          },
        },
      },
    },
    plugins: [
      backgroundPlugin,
      valueLabelsPlugin({ prepared, horizontal: layout.horizontal, format: compact }),
    ],
  } as ChartConfiguration;
}

function styleDataset(prepared: PreparedChart, dataset: PreparedDataset, index: number): ChartDataset {
  const { spec } = prepared;
  const colour = dataset.isOther ? OTHER_COLOUR : seriesColour(index);
  switch (spec.type) {
    case 'pie':
      return {
        label: dataset.label,
        data: dataset.values,
        backgroundColor: prepared.labels.map((_, i) =>
          i === prepared.otherIndex ? OTHER_COLOUR : seriesColour(i),
        ),
        borderColor: '#FFFFFF',
        borderWidth: 1,
      } as ChartDataset;
    case 'scatter':
      return {
        label: dataset.label,
        data: dataset.points,
        backgroundColor: withAlpha(colour, 0.8),
        borderColor: colour,
        pointStyle: pointStyle(index),
        pointRadius: 4,
      } as ChartDataset;
    case 'line':
    case 'area': {
      const dense = prepared.labels.length > 40;
      return {
        label: dataset.label,
        data: dataset.values,
        borderColor: colour,
        backgroundColor: spec.type === 'area' ? withAlpha(colour, 0.25) : colour,
        fill: spec.type === 'area' ? 'origin' : false,
        borderWidth: 2,
        pointRadius: dense ? 0 : 3,
        pointStyle: pointStyle(index),
        tension: 0,
      } as ChartDataset;
    }
    default: {
      // One dataset: the "Other" bar is grey so it never reads as a real category.
      const single = prepared.datasets.length === 1 && prepared.otherIndex >= 0;
      return {
        label: dataset.label,
        data: dataset.values,
        backgroundColor: single
          ? prepared.labels.map((_, i) => (i === prepared.otherIndex ? OTHER_COLOUR : colour))
          : colour,
        maxBarThickness: 64,
      } as ChartDataset;
    }
  }
}

/** Shapes as well as colours, so series stay apart in greyscale and for every kind of colour vision. */
const POINT_STYLES = [
  'circle',
  'triangle',
  'rect',
  'rectRot',
  'star',
  'crossRot',
  'rectRounded',
  'cross',
] as const;

function pointStyle(index: number): string {
  return POINT_STYLES[index % POINT_STYLES.length]!;
}
