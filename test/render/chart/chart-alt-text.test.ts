/**
 * Alt text is what a screen reader says, and what a client that cannot show the image shows.
 * If it broke, those readers would get a chart title and no numbers, or wrong numbers.
 */
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/core/chart-spec.ts';
import { chartAltText } from '../../../src/render/chart/chart-alt-text.ts';

const bar: ChartSpec = {
  type: 'bar',
  title: '店舗別売上',
  x: 'store',
  y: ['sales'],
  xLabel: '店舗',
  yLabel: '売上（円）',
  data: [
    { store: '渋谷', sales: 120_000_000 },
    { store: '梅田', sales: 34_000_000 },
    { store: '札幌', sales: 56_000_000 },
  ],
};

describe('chartAltText', () => {
  it('describes a Japanese bar chart with its highest and lowest values in 億/万', () => {
    expect(chartAltText(bar, 'ja', 'Asia/Tokyo')).toBe(
      '棒グラフ「店舗別売上」。横軸: 店舗、縦軸: 売上（円）。3 項目。最大は 渋谷（1.2億）、最小は 梅田（3,400万）。',
    );
  });

  it('describes the same chart in English with K/M numbers', () => {
    expect(chartAltText(bar, 'en', 'Asia/Tokyo')).toBe(
      'Bar chart "店舗別売上". X axis: 店舗; Y axis: 売上（円）. 3 categories. Highest: 渋谷 (120M); lowest: 梅田 (34M).',
    );
  });

  it('describes a line chart by its trend, per series', () => {
    const line: ChartSpec = {
      type: 'line',
      title: 'Monthly sales',
      x: 'month',
      y: ['sales'],
      series: 'channel',
      data: [
        { month: '2026-01', channel: 'Store', sales: 100 },
        { month: '2026-03', channel: 'Store', sales: 150 },
        { month: '2026-01', channel: 'Online', sales: 80 },
        { month: '2026-03', channel: 'Online', sales: 60 },
      ],
    };
    expect(chartAltText(line, 'en', 'Asia/Tokyo')).toBe(
      'Line chart "Monthly sales". X axis: month; Y axis: sales. 2 categories. Series: Store, Online. From Jan 2026 to Mar 2026: Store 100 → 150 (+50%), Online 80 → 60 (−25%).',
    );
  });

  it('gives a pie chart’s largest share and says what was folded', () => {
    const pie: ChartSpec = {
      type: 'pie',
      title: '構成比',
      x: 'c',
      y: ['v'],
      data: Array.from({ length: 10 }, (_, i) => ({ c: `項目${i + 1}`, v: i === 0 ? 50 : 5 })),
    };
    expect(chartAltText(pie, 'ja', 'Asia/Tokyo')).toBe(
      '円グラフ「構成比」。8 項目。最大の割合は 項目1（52.6%）。上位以外の 3 項目は「その他」にまとめています。',
    );
  });

  it('still says what kind of chart it is when the spec is invalid', () => {
    expect(chartAltText({ ...bar, y: ['missing'] }, 'en', 'Asia/Tokyo')).toBe('Bar chart "店舗別売上".');
  });
});
