/**
 * ChartSpec: the small declarative chart description the model writes (via `make_chart`).
 * It is deliberately not Chart.js config: the renderer owns colours, fonts and layout.
 */
import { z } from 'zod';

export const CHART_TYPES = ['bar', 'line', 'area', 'pie', 'scatter', 'stacked_bar'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const chartSpecSchema = z.object({
  type: z.enum(CHART_TYPES),
  title: z.string().max(200),
  x: z.string().min(1).describe('Field used for the x axis (or pie labels).'),
  y: z.array(z.string().min(1)).min(1).max(12).describe('Numeric fields plotted as values.'),
  series: z.string().min(1).optional().describe('Optional field whose values split the data into series.'),
  data: z.array(z.record(z.string(), z.unknown())).max(10_000),
  xLabel: z.string().max(100).optional(),
  yLabel: z.string().max(100).optional(),
});

export type ChartSpec = z.infer<typeof chartSpecSchema>;
