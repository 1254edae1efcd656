/** The chart both chart benchmarks draw: twelve stores' monthly sales, as a bar chart. */
export const STORE_SALES_CHART = {
  type: 'bar' as const,
  title: '店舗別売上（2026年1月）',
  x: 'store',
  y: ['sales'],
  data: [
    '渋谷',
    '新宿',
    '池袋',
    '梅田',
    '難波',
    '天神',
    '札幌',
    '仙台',
    '名古屋',
    '横浜',
    '神戸',
    '京都',
  ].map((store, i) => ({ store, sales: 180_000_000 - i * 11_000_000 })),
};
