/** Messages between the chart pool (host thread) and a chart worker thread: plain data only. */
import type { RenderChartOptions } from './render-chart.ts';

export interface ChartJob {
  id: number;
  spec: unknown;
  options: RenderChartOptions;
}

export type ChartWorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; png: ArrayBuffer }
  | {
      type: 'result';
      id: number;
      ok: false;
      code: string;
      message: string;
      params: Record<string, string | number>;
    };
