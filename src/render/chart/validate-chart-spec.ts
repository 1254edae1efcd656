/**
 * Checks a ChartSpec the model wrote, before any drawing: the schema first, then that every
 * field it names exists in the data. Errors say exactly what to change.
 */
import { chartSpecSchema, type ChartSpec } from '../../core/chart-spec.ts';
import { chartError } from './chart-errors.ts';

export function validateChartSpec(input: unknown): ChartSpec {
  const parsed = chartSpecSchema.safeParse(input);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'spec'}: ${issue.message}`)
      .join('; ');
    throw chartError('chart.invalid_spec', `Invalid chart spec: ${reason}`, { reason });
  }
  const spec = parsed.data;
  if (spec.data.length === 0) throw chartError('chart.empty_data', 'The chart has no data rows.');

  const available = new Set<string>();
  for (const row of spec.data) for (const key of Object.keys(row)) available.add(key);
  const named = [spec.x, ...spec.y, ...(spec.series === undefined ? [] : [spec.series])];
  const missing = [...new Set(named.filter((field) => !available.has(field)))];
  if (missing.length > 0) {
    const fields = missing.map((field) => `"${field}"`).join(', ');
    const list = [...available].slice(0, 30).join(', ');
    throw chartError(
      'chart.unknown_field',
      `The chart names ${fields}, which ${missing.length === 1 ? 'is' : 'are'} not in the data rows. Fields in the data: ${list}.`,
      { fields, available: list },
    );
  }
  return spec;
}
