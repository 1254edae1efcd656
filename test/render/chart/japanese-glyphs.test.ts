/**
 * Japanese really renders. Without a CJK font, Skia draws every missing glyph as the same
 * "tofu" box, so a Japanese chart title would be a row of identical boxes in the thread.
 * Tofu is easy to detect: two different characters produce identical pixels.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  CHART_FONT_FAMILY,
  ensureChartFonts,
  findCjkFontFaces,
} from '../../../src/render/chart/chart-fonts.ts';
import { renderChart } from '../../../src/render/chart/render-chart.ts';
import { decodePng, differingPixels, type Pixels } from '../../support/png-pixels.ts';

function drawGlyph(text: string, family: string): Pixels {
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(0, 0, 64, 64);
  ctx.fillStyle = '#000000';
  ctx.font = `40px "${family}"`;
  ctx.textBaseline = 'top';
  ctx.fillText(text, 8, 8);
  return { width: 64, height: 64, data: ctx.getImageData(0, 0, 64, 64).data };
}

function ink(pixels: Pixels): number {
  let dark = 0;
  for (let i = 0; i < pixels.data.length; i += 4) if (pixels.data[i]! < 128) dark += 1;
  return dark;
}

describe('Japanese text in charts', () => {
  it('finds and registers a CJK font on this machine', () => {
    const faces = ensureChartFonts();
    expect(faces.length).toBeGreaterThan(0);
  });

  // With a system CJK font installed, Skia may fall back to it, and the control has nothing to show.
  const systemCjk = findCjkFontFaces().some((face) => face.source === 'system');

  it.skipIf(systemCjk)(
    'shows the tofu check works: a font without CJK draws 売 and 上 as identical boxes',
    () => {
      // DejaVu Sans is on these machines and has no CJK glyphs: the negative control.
      const a = drawGlyph('売', 'DejaVu Sans');
      const b = drawGlyph('上', 'DejaVu Sans');
      expect(differingPixels(a, b)).toBe(0);
    },
  );

  it('draws 売, 上 and 率 as distinct glyphs with the chart font', () => {
    ensureChartFonts();
    const glyphs = ['売', '上', '率'].map((text) => drawGlyph(text, CHART_FONT_FAMILY));
    for (const glyph of glyphs) expect(ink(glyph)).toBeGreaterThan(40);
    expect(differingPixels(glyphs[0]!, glyphs[1]!)).toBeGreaterThan(100);
    expect(differingPixels(glyphs[1]!, glyphs[2]!)).toBeGreaterThan(100);
  });

  it('renders different Japanese chart titles as different pixels', async () => {
    const chart = (title: string) =>
      renderChart(
        {
          type: 'bar',
          title,
          x: '店舗',
          y: ['売上'],
          data: [
            { 店舗: '渋谷', 売上: 100 },
            { 店舗: '梅田', 売上: 80 },
          ],
        },
        { locale: 'ja', timeZone: 'Asia/Tokyo', width: 640, height: 360 },
      );
    const [sales, profit] = await Promise.all([
      decodePng(await chart('売上推移')),
      decodePng(await chart('利益推移')),
    ]);
    const titleStrip = { x: 0, y: 0, width: 640, height: 44 };
    // Same length, same layout: only real glyphs make 売上 and 利益 differ; tofu would not.
    expect(differingPixels(sales, profit, titleStrip)).toBeGreaterThan(50);
    expect(differingPixels(sales, profit, { x: 0, y: 60, width: 640, height: 300 })).toBe(0);
  });

  it('prefers the system Noto Sans CJK over the npm font when it is installed', () => {
    const system = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    const faces = findCjkFontFaces((path) => path === system || path.includes('noto-sans-jp'));
    expect(faces).toEqual([{ path: system, source: 'system' }]);
    const npm = findCjkFontFaces((path) => path.includes('noto-sans-jp'));
    expect(npm.map((face) => face.source)).toEqual(['npm', 'npm']);
    expect(npm[0]!.path).toMatch(/NotoSansJP_400Regular\.ttf$/);
  });
});
