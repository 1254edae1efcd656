/**
 * Charts drawn in worker threads. If this breaks, the agent's charts either come back
 * wrong (tofu boxes where the worker lacks the CJK font, a different picture than the
 * renderer draws), fail with an unreadable error instead of the renderer's stable codes,
 * or a stuck worker blocks every later chart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isKotaeError } from '../../../src/core/errors.ts';
import { createChartPool } from '../../../src/render/chart/chart-pool.ts';
import { renderChart } from '../../../src/render/chart/render-chart.ts';
import { decodePng, differingPixels, pngSize } from '../../support/png-pixels.ts';

const pool = createChartPool({ size: 2 });
afterAll(() => pool.close());

const spec = (title: string) => ({
  type: 'bar',
  title,
  x: '都道府県',
  y: ['売上'],
  data: [
    { 都道府県: '東京都', 売上: 1200 },
    { 都道府県: '大阪府', 売上: 800 },
    { 都道府県: '北海道', 売上: 450 },
  ],
});

describe('the chart pool', () => {
  it('draws the same picture as the renderer on the main thread, Japanese glyphs included', async () => {
    const [fromPool, inline] = await Promise.all([
      pool.render(spec('都道府県別売上'), { locale: 'ja', timeZone: 'Asia/Tokyo' }),
      renderChart(spec('都道府県別売上'), { locale: 'ja', timeZone: 'Asia/Tokyo' }),
    ]);
    expect(pngSize(fromPool)).toEqual({ width: 800, height: 450 });
    expect(differingPixels(await decodePng(fromPool), await decodePng(inline))).toBe(0);
    const other = await pool.render(spec('都道府県別利益'), { locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(differingPixels(await decodePng(fromPool), await decodePng(other))).toBeGreaterThan(0);
  });

  it('draws many charts at once, more than it has workers', async () => {
    const pngs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        pool.render(spec(`売上 ${i}`), { locale: 'ja', timeZone: 'Asia/Tokyo', width: 400, height: 300 }),
      ),
    );
    for (const png of pngs) expect(pngSize(png)).toEqual({ width: 400, height: 300 });
  });

  it('passes the renderer’s errors back with their codes', async () => {
    const error = await pool
      .render({ ...spec('x'), y: ['利益'] }, { locale: 'ja', timeZone: 'Asia/Tokyo' })
      .catch((caught: unknown) => caught);
    expect(isKotaeError(error) && error.code).toBe('chart.unknown_field');
    const size = await pool
      .render(spec('x'), { locale: 'ja', timeZone: 'Asia/Tokyo', width: 10 })
      .catch((caught: unknown) => caught);
    expect(isKotaeError(size) && size.code).toBe('chart.invalid_options');
  });

  it('replaces a worker that overruns the deadline, and keeps drawing', async () => {
    const strict = createChartPool({ size: 1, hardDeadlineMs: 1 });
    try {
      const error = await strict
        .render(spec('遅い'), { locale: 'ja', timeZone: 'Asia/Tokyo', width: 4000, height: 4000 })
        .catch((caught: unknown) => caught);
      expect(isKotaeError(error) && error.code).toBe('chart.render_failed');
    } finally {
      await strict.close();
    }
    const after = await pool.render(spec('次'), { locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(pngSize(after).width).toBe(800);
  });

  it('starts its workers with the first chart when told to', async () => {
    const lazy = createChartPool({ size: 1, startOnFirstChart: true });
    try {
      expect(pngSize(await lazy.render(spec('初回'), { locale: 'ja', timeZone: 'Asia/Tokyo' })).width).toBe(
        800,
      );
    } finally {
      await lazy.close();
    }
  });

  it('refuses charts once closed', async () => {
    const closing = createChartPool({ size: 1 });
    await closing.close();
    const error = await closing
      .render(spec('x'), { locale: 'ja', timeZone: 'Asia/Tokyo' })
      .catch((caught: unknown) => caught);
    expect(isKotaeError(error) && error.code).toBe('chart.render_failed');
  });
});
