/**
 * `make_chart`: the model describes a chart with a ChartSpec (src/core/chart-spec.ts) whose
 * rows come from a result id (q1, a1) or inline; the renderer turns it into a PNG that goes
 * into the reply. The model never writes Chart.js config.
 */
import { z } from 'zod';
import { chartSpecSchema, type ChartSpec } from '../../core/chart-spec.ts';
import { errorMessage } from '../../core/errors.ts';
import type { Locale } from '../../core/locale.ts';
import { chartAltText } from '../../render/chart/chart-alt-text.ts';
import type { ColumnLabel } from '../column-labels.ts';
import type { ResultStore } from '../result-store.ts';
import { isRecord } from '../query-result.ts';
import { describeIssues, errorResult, jsonSchemaOf, type LocalTool } from './local-tool.ts';

/** src/render/chart's renderChart fits: it validates the spec and throws a readable KotaeError. */
export type RenderChart = (
  spec: ChartSpec,
  options: { locale: Locale; timeZone: string },
) => Promise<Uint8Array>;

const argsSchema = chartSpecSchema.omit({ data: true }).extend({
  data_from: z
    .string()
    .optional()
    .describe('Result id whose rows to plot, e.g. "q1" or "a1". Preferred over inline data.'),
  data: chartSpecSchema.shape.data.optional().describe('Inline rows, only for small derived data.'),
  column_labels: z
    .record(z.string(), z.string().max(60))
    .optional()
    .describe(
      'Headers for the answer table, by field, in the language of the question, e.g. {"sales": "売上"}.',
    ),
  currency: z
    .record(z.string(), z.string().regex(/^[A-Z]{3}$/))
    .optional()
    .describe('ISO 4217 code for money fields, e.g. {"sales": "JPY"}.'),
});

export function createMakeChartTool(
  render: RenderChart,
  store: ResultStore,
  options: { locale: Locale; timeZone: string },
): LocalTool {
  const { locale, timeZone } = options;
  return {
    spec: {
      name: 'make_chart',
      description:
        'Draw a chart (bar, line, area, pie, scatter, stacked_bar) for the answer. Give the fields for x and y ' +
        'and the rows by result id in data_from. Write the title and axis labels in the language of the question.',
      inputSchema: jsonSchemaOf(argsSchema),
    },
    async call(rawArgs) {
      const parsed = argsSchema.safeParse(rawArgs);
      if (!parsed.success) return errorResult(`Invalid chart: ${describeIssues(parsed.error)}`);
      const { data_from: dataFrom, data: inline, column_labels: labels, currency, ...rest } = parsed.data;
      store.labelColumns(columnLabels(labels, currency));
      let data: Record<string, unknown>[];
      if (dataFrom !== undefined) {
        const value = store.resolve(dataFrom);
        if (value === undefined)
          return errorResult(
            `Unknown result id "${dataFrom}". Known ids: ${store.ids().join(', ') || 'none yet'}.`,
          );
        if (!Array.isArray(value) || !value.every(isRecord))
          return errorResult(`"${dataFrom}" is not a list of rows.`);
        data = value;
      } else if (inline !== undefined) {
        data = inline;
      } else {
        return errorResult('Give the rows: data_from (a result id such as "q1") or data.');
      }
      const spec = chartSpecSchema.safeParse({ ...rest, data });
      if (!spec.success) return errorResult(`Invalid chart: ${describeIssues(spec.error)}`);
      const missing = missingFields(spec.data);
      if (missing.length > 0) {
        const available = Object.keys(data[0] ?? {}).join(', ');
        return errorResult(
          `Fields not in the data: ${missing.join(', ')}. Available: ${available || 'none (no rows)'}.`,
        );
      }
      let png: Uint8Array;
      try {
        png = await render(spec.data, { locale, timeZone });
      } catch (error) {
        // The renderer's messages say what to change (unknown field, non-numeric values, …).
        return errorResult(`The chart could not be drawn: ${errorMessage(error)}`);
      }
      const altText = chartAltText(spec.data, locale, timeZone);
      store.setChart({ spec: spec.data, png, altText });
      return {
        content: `Chart "${spec.data.title}" is drawn and will be attached to the answer.`,
        isError: false,
      };
    },
  };
}

function columnLabels(
  labels: Record<string, string> = {},
  currency: Record<string, string> = {},
): Record<string, ColumnLabel> {
  const out: Record<string, ColumnLabel> = {};
  for (const [name, label] of Object.entries(labels)) out[name] = { label };
  for (const [name, code] of Object.entries(currency)) out[name] = { ...out[name], currency: code };
  return out;
}

function missingFields(spec: ChartSpec): string[] {
  if (spec.data.length === 0) return [];
  const present = new Set(spec.data.flatMap((row) => Object.keys(row)));
  return [spec.x, ...spec.y, ...(spec.series ? [spec.series] : [])].filter((field) => !present.has(field));
}
