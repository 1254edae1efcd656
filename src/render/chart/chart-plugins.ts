/**
 * Two small Chart.js plugins for static images. A PNG in a chat thread has no hover, so
 * values a tooltip would show are written on the chart where they fit.
 */
import type { ArcElement, BarElement, Chart, Plugin } from 'chart.js';
import { chartFontStack } from './chart-fonts.ts';
import { OTHER_COLOUR, seriesColour } from './palette.ts';
import type { PreparedChart } from './prepare-chart-data.ts';

/** A transparent PNG turns black or clashes in dark-mode chat clients; paint it white. */
export const backgroundPlugin: Plugin = {
  id: 'kotaeBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Pie slices smaller than this get no label: the text would not fit inside. */
const MIN_LABELLED_SLICE = 0.05;

/** Plain (not stacked) bars get value labels when there are few enough to read. */
export function showsBarValueLabels(prepared: PreparedChart): boolean {
  const bars = prepared.labels.length * prepared.datasets.length;
  return prepared.spec.type === 'bar' && prepared.datasets.length <= 3 && bars <= 24;
}

export function valueLabelsPlugin(options: {
  prepared: PreparedChart;
  horizontal: boolean;
  format: (value: number) => string;
}): Plugin {
  const { prepared, horizontal, format } = options;
  return {
    id: 'kotaeValueLabels',
    afterDatasetsDraw(chart) {
      if (prepared.spec.type === 'pie') drawPieLabels(chart, prepared);
      else if (showsBarValueLabels(prepared)) drawBarLabels(chart, prepared, horizontal, format);
    },
  };
}

function drawBarLabels(
  chart: Chart,
  prepared: PreparedChart,
  horizontal: boolean,
  format: (value: number) => string,
) {
  const { ctx, chartArea } = chart;
  ctx.save();
  ctx.font = `12px ${chartFontStack()}`;
  ctx.fillStyle = '#333333';
  // All or nothing: labels go on only when every one fits beside its neighbours.
  const bars = prepared.labels.length * prepared.datasets.length;
  const texts = prepared.datasets.flatMap((d) => d.values.filter((v): v is number => v !== null).map(format));
  const widest = Math.max(0, ...texts.map((text) => ctx.measureText(text).width));
  const fits = horizontal ? chartArea.height / bars >= 14 : chartArea.width / bars >= widest + 4;
  if (!fits) return ctx.restore();
  prepared.datasets.forEach((dataset, index) => {
    const elements = chart.getDatasetMeta(index).data as unknown as BarElement[];
    dataset.values.forEach((value, i) => {
      const bar = elements[i];
      if (value === null || bar === undefined) return;
      const negative = value < 0;
      if (horizontal) {
        ctx.textAlign = negative ? 'right' : 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(format(value), bar.x + (negative ? -4 : 4), bar.y);
      } else {
        ctx.textAlign = 'center';
        ctx.textBaseline = negative ? 'top' : 'bottom';
        ctx.fillText(format(value), bar.x, bar.y + (negative ? 4 : -4));
      }
    });
  });
  ctx.restore();
}

function drawPieLabels(chart: Chart, prepared: PreparedChart) {
  const values = prepared.datasets[0]?.values ?? [];
  const total = values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  if (total <= 0) return;
  const { ctx } = chart;
  const arcs = chart.getDatasetMeta(0).data as unknown as ArcElement[];
  ctx.save();
  ctx.font = `bold 13px ${chartFontStack()}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  values.forEach((value, i) => {
    const arc = arcs[i];
    const share = (value ?? 0) / total;
    if (arc === undefined || share < MIN_LABELLED_SLICE) return;
    const { x, y } = arc.tooltipPosition(false);
    const fill = i === prepared.otherIndex ? OTHER_COLOUR : seriesColour(i);
    ctx.fillStyle = isLight(fill) ? '#000000' : '#FFFFFF';
    ctx.fillText(`${Math.round(share * 100)}%`, x, y);
  });
  ctx.restore();
}

/** Relative luminance above ~0.4: dark text reads better on it. */
function isLight(hex: string): boolean {
  const value = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.4;
}
