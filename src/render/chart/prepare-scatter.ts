/**
 * Scatter plots: one point per row (x and y both numeric), one dataset per series or y field.
 */
import type { ChartSpec } from '../../core/chart-spec.ts';
import { nonNumeric } from './chart-fields.ts';
import { toChartNumber } from './chart-values.ts';
import { MAX_SERIES, type PreparedChart, type PreparedDataset } from './prepared-chart.ts';

export function prepareScatter(
  spec: ChartSpec,
  yFields: string[],
  ys: Array<Array<number | null>>,
  seriesOf: (row: Record<string, unknown>) => string,
  otherLabel: string,
): PreparedChart {
  const groups = new Map<string, PreparedDataset>();
  spec.data.forEach((row, index) => {
    const x = toChartNumber(row[spec.x]);
    if (x === undefined)
      throw nonNumeric(spec.x, row[spec.x], index, 'Scatter plots need a numeric x field.');
    if (x === null) return;
    yFields.forEach((field, y) => {
      const value = ys[index]![y]!;
      if (value === null) return;
      const series =
        spec.series === undefined
          ? field
          : yFields.length > 1
            ? `${seriesOf(row)} · ${field}`
            : seriesOf(row);
      const group = groups.get(series) ?? { label: series, values: [], points: [], isOther: false };
      group.points.push({ x, y: value });
      groups.set(series, group);
    });
  });
  let datasets = [...groups.values()];
  let foldedSeries = 0;
  if (datasets.length > MAX_SERIES) {
    const bySize = [...datasets].sort((a, b) => b.points.length - a.points.length);
    const kept = new Set(bySize.slice(0, MAX_SERIES - 1));
    const other = {
      label: otherLabel,
      values: [],
      points: bySize.slice(MAX_SERIES - 1).flatMap((d) => d.points),
      isOther: true,
    };
    foldedSeries = datasets.length - kept.size;
    datasets = [...datasets.filter((d) => kept.has(d)), other];
  }
  return {
    spec,
    xKind: 'number',
    labels: [],
    otherIndex: -1,
    datasets,
    foldedCategories: 0,
    foldedSeries,
    otherLabel,
  };
}
