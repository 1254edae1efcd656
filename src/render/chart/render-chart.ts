/**
 * ChartSpec → PNG, with Chart.js 4 drawing on @napi-rs/canvas (Skia; installs from npm with
 * no native build). The spec is validated first, so a bad spec from the model comes back as
 * a KotaeError with a stable code instead of a broken image.
 */
import { isMainThread } from 'node:worker_threads';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartItem } from 'chart.js';
import { isKotaeError } from '../../core/errors.ts';
import type { Locale } from '../../core/locale.ts';
import { buildChartConfig } from './chart-config.ts';
import { chartError } from './chart-errors.ts';
import { chartFontStack, ensureChartFonts } from './chart-fonts.ts';
import { prepareChartData } from './prepare-chart-data.ts';
import { validateChartSpec } from './validate-chart-spec.ts';

export interface RenderChartOptions {
  locale: Locale;
  /** Pixels; default 800 × 450 (16:9 reads well inline in Slack and Google Chat). */
  width?: number;
  height?: number;
  /** For timestamps on the x axis (the task's time zone); calendar dates are never shifted. */
  timeZone: string;
}

const SIZE_LIMITS = { min: 200, max: 4000 } as const;

let initialised = false;

function initialise(): void {
  if (initialised) return;
  Chart.register(...registerables);
  ensureChartFonts();
  Chart.defaults.font.family = chartFontStack();
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#333333';
  initialised = true;
}

export async function renderChart(spec: unknown, options: RenderChartOptions): Promise<Uint8Array> {
  const width = options.width ?? 800;
  const height = options.height ?? 450;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < SIZE_LIMITS.min || value > SIZE_LIMITS.max) {
      throw chartError(
        'chart.invalid_options',
        `Chart ${name} must be an integer from ${SIZE_LIMITS.min} to ${SIZE_LIMITS.max} pixels (got ${value}).`,
        { reason: `${name} ${value}` },
      );
    }
  }
  const valid = validateChartSpec(spec);
  const prepared = prepareChartData(valid, { locale: options.locale, timeZone: options.timeZone });
  initialise();
  const canvas = createCanvas(width, height);
  let chart: Chart | undefined;
  try {
    chart = new Chart(
      canvas.getContext('2d') as unknown as ChartItem,
      buildChartConfig(prepared, options.locale),
    );
    // In a chart worker the encoding stays on that (low-priority) thread instead of
    // competing with the main thread on libuv's shared pool.
    const png = isMainThread ? await canvas.encode('png') : canvas.encodeSync('png');
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } catch (error) {
    if (isKotaeError(error)) throw error;
    throw chartError('chart.render_failed', `The chart could not be drawn: ${String(error)}`, {}, error);
  } finally {
    chart?.destroy();
  }
}
