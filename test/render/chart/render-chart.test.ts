/**
 * Every chart type comes out as a real PNG of the requested size, with the readable defaults
 * a person in the thread relies on: a white background, Okabe–Ito colours, 「その他」 for the
 * long tail, 万/億 on Japanese axes. And a bad spec from the model is a clear, coded error.
 */
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/core/chart-spec.ts';
import { isKotaeError, type KotaeError } from '../../../src/core/errors.ts';
import { t } from '../../../src/core/i18n/translate.ts';
import type { Locale } from '../../../src/core/locale.ts';
import { buildChartConfig } from '../../../src/render/chart/chart-config.ts';
import { OKABE_ITO, OTHER_COLOUR } from '../../../src/render/chart/palette.ts';
import { prepareChartData } from '../../../src/render/chart/prepare-chart-data.ts';
import { renderChart } from '../../../src/render/chart/render-chart.ts';
import { countColour, decodePng, pngSize } from '../../support/png-pixels.ts';

const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
];

const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
const SPECS: Record<ChartSpec['type'], ChartSpec> = {
  bar: {
    type: 'bar',
    title: '店舗別売上',
    x: 'store',
    y: ['sales'],
    data: [
      { store: '渋谷', sales: 1.2e8 },
      { store: '梅田', sales: 8e7 },
    ],
  },
  stacked_bar: {
    type: 'stacked_bar',
    title: '地域別売上',
    x: 'month',
    y: ['sales'],
    series: 'region',
    data: months.flatMap((month, i) =>
      ['関東', '関西'].map((region, j) => ({ month, region, sales: (i + 1) * (j + 2) * 1e7 })),
    ),
  },
  line: {
    type: 'line',
    title: '月次売上',
    x: 'month',
    y: ['sales', 'profit'],
    data: months.map((month, i) => ({ month, sales: 100 + i * 10, profit: 20 + i })),
  },
  area: {
    type: 'area',
    title: 'Orders',
    x: 'day',
    y: ['orders'],
    data: [1, 2, 3].map((d) => ({ day: `2026-02-0${d}`, orders: d * 40 })),
  },
  pie: {
    type: 'pie',
    title: '構成比',
    x: 'category',
    y: ['share'],
    data: [
      { category: '食品', share: 60 },
      { category: '飲料', share: 40 },
    ],
  },
  scatter: {
    type: 'scatter',
    title: 'Price vs units',
    x: 'price',
    y: ['units'],
    data: Array.from({ length: 12 }, (_, i) => ({ price: 100 + i * 10, units: String(50 - i) })),
  },
};

function overWhite(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const blend = (shift: number) => Math.round(((value >> shift) & 255) * alpha + 255 * (1 - alpha));
  return `#${[16, 8, 0].map((shift) => blend(shift).toString(16).padStart(2, '0')).join('')}`;
}

function caught(fn: () => unknown): KotaeError {
  try {
    fn();
  } catch (error) {
    if (isKotaeError(error)) return error;
    throw error;
  }
  throw new Error('expected a KotaeError');
}

async function rejected(promise: Promise<unknown>): Promise<KotaeError> {
  try {
    await promise;
  } catch (error) {
    if (isKotaeError(error)) return error;
    throw error;
  }
  throw new Error('expected a KotaeError');
}

describe('renderChart', () => {
  for (const spec of Object.values(SPECS)) {
    it(`draws a ${spec.type} chart as a PNG of the requested size, on white, in the palette`, async () => {
      const png = await renderChart(spec, { locale: 'ja', timeZone: 'Asia/Tokyo', width: 640, height: 400 });
      expect(pngSize(png)).toEqual({ width: 640, height: 400 });
      const pixels = await decodePng(png);
      expect(countColour(pixels, '#FFFFFF', 0)).toBeGreaterThan(640 * 400 * 0.3);
      // Scatter points are drawn at 80% opacity over white.
      const first = spec.type === 'scatter' ? overWhite(OKABE_ITO[0], 0.8) : OKABE_ITO[0];
      expect(countColour(pixels, first, 3)).toBeGreaterThan(20);
    });
  }

  it('defaults to 800 × 450', async () => {
    expect(pngSize(await renderChart(SPECS.bar, { locale: 'en', timeZone: 'Asia/Tokyo' }))).toEqual({
      width: 800,
      height: 450,
    });
  });

  it('folds more than 20 categories into 「その他」, summing their values, drawn in grey', async () => {
    const data = PREFECTURES.map((prefecture, i) => ({ prefecture, sales: 1000 - i * 10 }));
    const spec: ChartSpec = { type: 'bar', title: '都道府県別', x: 'prefecture', y: ['sales'], data };
    const prepared = prepareChartData(spec, { locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(prepared.labels).toHaveLength(20);
    expect(prepared.labels.slice(0, 19)).toEqual(PREFECTURES.slice(0, 19));
    expect(prepared.labels[19]).toBe('その他');
    const folded = data.slice(19).reduce((sum, row) => sum + row.sales, 0);
    expect(prepared.datasets[0]!.values[19]).toBe(folded);
    expect(prepareChartData(spec, { locale: 'en', timeZone: 'UTC' }).labels[19]).toBe('Other');

    const withOther = await decodePng(await renderChart(spec, { locale: 'ja', timeZone: 'Asia/Tokyo' }));
    const withoutOther = await decodePng(
      await renderChart({ ...spec, data: data.slice(0, 20) }, { locale: 'ja', timeZone: 'Asia/Tokyo' }),
    );
    // Anti-aliased text has a few grey pixels of its own; the grey bar adds a solid block.
    expect(
      countColour(withOther, OTHER_COLOUR, 1) - countColour(withoutOther, OTHER_COLOUR, 1),
    ).toBeGreaterThan(1000);
  });

  it('keeps the largest categories when folding, wherever they are in the data', () => {
    const data = PREFECTURES.map((prefecture, i) => ({ prefecture, sales: i === 24 ? 1e6 : i }));
    const prepared = prepareChartData(
      { type: 'pie', title: '', x: 'prefecture', y: ['sales'], data },
      { locale: 'ja', timeZone: 'UTC' },
    );
    // Pies fold at 8 slices (one colour each), largest first.
    expect(prepared.labels[0]).toBe('滋賀県');
    expect(prepared.labels).toHaveLength(8);
    expect(prepared.labels.at(-1)).toBe('その他');
  });

  it('folds more than 8 series into 「その他」 so no two series share a colour', () => {
    const data = months.flatMap((month) =>
      Array.from({ length: 12 }, (_, s) => ({ month, store: `店舗${s + 1}`, sales: 12 - s })),
    );
    const spec: ChartSpec = { type: 'line', title: '', x: 'month', y: ['sales'], series: 'store', data };
    const prepared = prepareChartData(spec, { locale: 'ja', timeZone: 'UTC' });
    expect(prepared.datasets.map((d) => d.label)).toEqual([
      ...Array.from({ length: 7 }, (_, s) => `店舗${s + 1}`),
      'その他',
    ]);
    // 店舗8..12 hold 5 + 4 + 3 + 2 + 1 each month.
    expect(prepared.datasets.at(-1)).toMatchObject({ isOther: true, values: [15, 15, 15, 15] });
    expect(prepared.foldedSeries).toBe(5);
  });

  it('sums duplicate x values and sorts dates, labelling them per locale', () => {
    const spec: ChartSpec = {
      type: 'line',
      title: '',
      x: 'month',
      y: ['sales'],
      data: [
        { month: '2026-02', sales: 5 },
        { month: '2026-01', sales: 1 },
        { month: '2026-02', sales: 2 },
      ],
    };
    expect(prepareChartData(spec, { locale: 'ja', timeZone: 'UTC' })).toMatchObject({
      labels: ['2026年1月', '2026年2月'],
      datasets: [{ values: [1, 7] }],
    });
    expect(prepareChartData(spec, { locale: 'en', timeZone: 'UTC' }).labels).toEqual([
      'Jan 2026',
      'Feb 2026',
    ]);
  });

  it('labels Japanese value axes in 万 and 億, English ones in K and M', () => {
    Chart.register(...registerables);
    const spec: ChartSpec = {
      type: 'bar',
      title: '',
      x: 'store',
      y: ['sales'],
      data: [
        { store: 'A', sales: 1.2e8 },
        { store: 'B', sales: 3e7 },
      ],
    };
    const ticks = (locale: Locale) => {
      const prepared = prepareChartData(spec, { locale, timeZone: 'UTC' });
      const chart = new Chart(
        createCanvas(800, 450).getContext('2d') as unknown as ChartItem,
        buildChartConfig(prepared, locale),
      );
      const labels = chart.scales.y!.ticks.map((tick) => tick.label);
      chart.destroy();
      return labels;
    };
    const ja = ticks('ja');
    expect(ja).toContain('0');
    expect(ja).toContain('1億');
    expect(ja).toContain('2,000万');
    expect(ja.every((label) => label === '0' || /^[\d,.]+[万億]$/.test(String(label)))).toBe(true);
    const en = ticks('en');
    expect(en).toContain('100M');
    expect(en).toContain('20M');
  });

  it('turns long category names into horizontal bars', () => {
    const long: ChartSpec = {
      type: 'bar',
      title: '',
      x: 'store',
      y: ['sales'],
      data: [
        { store: '渋谷スクランブルスクエア店', sales: 1 },
        { store: '梅田', sales: 2 },
      ],
    };
    const config = buildChartConfig(prepareChartData(long, { locale: 'ja', timeZone: 'UTC' }), 'ja');
    expect(config.options?.indexAxis).toBe('y');
    const short = buildChartConfig(prepareChartData(SPECS.bar, { locale: 'ja', timeZone: 'UTC' }), 'ja');
    expect(short.options?.indexAxis).toBe('x');
  });
});

describe('chart spec errors the model can act on', () => {
  it('names a y field that is not in the data, and lists the fields that are', async () => {
    const error = await rejected(
      renderChart({ ...SPECS.bar, y: ['revenue'] }, { locale: 'ja', timeZone: 'Asia/Tokyo' }),
    );
    expect(error.code).toBe('chart.unknown_field');
    expect(error.message).toContain('"revenue"');
    expect(error.message).toContain('store, sales');
    expect(t('ja', error.userMessage!, error.userParams)).toContain('"revenue"');
  });

  it('rejects an unknown chart type through the schema', async () => {
    const error = await rejected(
      renderChart({ ...SPECS.bar, type: 'radar' }, { locale: 'en', timeZone: 'Asia/Tokyo' }),
    );
    expect(error.code).toBe('chart.invalid_spec');
    expect(error.message).toMatch(/^Invalid chart spec: type: /);
  });

  it('rejects a spec missing its x field', async () => {
    const { x: _x, ...withoutX } = SPECS.bar;
    const error = await rejected(renderChart(withoutX, { locale: 'en', timeZone: 'Asia/Tokyo' }));
    expect(error).toMatchObject({ code: 'chart.invalid_spec', message: expect.stringContaining('x:') });
  });

  it('rejects text where numbers belong, naming the field and the value', () => {
    const spec: ChartSpec = { ...SPECS.bar, y: ['store'] };
    const error = caught(() => prepareChartData(spec, { locale: 'ja', timeZone: 'UTC' }));
    expect(error.code).toBe('chart.non_numeric');
    expect(error.message).toContain('"store"');
    expect(error.message).toContain('"渋谷"');
  });

  it('rejects empty data, negative pie slices and impossible sizes', async () => {
    expect(
      (await rejected(renderChart({ ...SPECS.bar, data: [] }, { locale: 'ja', timeZone: 'Asia/Tokyo' })))
        .code,
    ).toBe('chart.empty_data');
    const negative = { ...SPECS.pie, data: [{ category: 'a', share: -1 }] };
    expect((await rejected(renderChart(negative, { locale: 'ja', timeZone: 'Asia/Tokyo' }))).code).toBe(
      'chart.invalid_spec',
    );
    expect(
      (await rejected(renderChart(SPECS.bar, { locale: 'ja', timeZone: 'Asia/Tokyo', width: 10 }))).code,
    ).toBe('chart.invalid_options');
  });
});
