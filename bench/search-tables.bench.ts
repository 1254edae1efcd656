/**
 * search_tables on a 5,000-table × 200-column estate (1 M columns), through the real MCP
 * server and client in process, side by side with the small demo-sized catalogue.
 * Goals: every response ≤ 4 KB; median latency ≤ 50 ms once the index is built.
 * The first search of a catalogue snapshot builds the index; that cost is reported apart.
 */
import type { BenchReport } from './bench-row.ts';
import { median, percentile } from './bench-row.ts';
import { connectSyntheticEstate } from './synthetic-estate.ts';

const QUERIES = [
  '売上',
  '店舗 売上 日次',
  'daily sales by store',
  '顧客 注文',
  'customer orders amount',
  '在庫数 商品',
  'stock on hand by product',
  'キャンペーン コンバージョン',
  'campaign conversion rate',
  '粗利',
  'shipments lead time',
  '返品 理由',
  'employees hr',
  'prefecture region sales',
  '都道府県別の先月の売上',
  'session count web',
  'invoice tax',
  'payments channel status',
  'budget vs actual',
  'xyzzy nothing matches this',
];

async function measure(
  report: BenchReport,
  label: string,
  tables: number,
  columns: number,
  rounds: number,
): Promise<number> {
  const connection = await connectSyntheticEstate({ tables, columnsPerTable: columns });
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  await connection.callTool('search_tables', { query: QUERIES[0]! });
  const build = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  const latencies: number[] = [];
  const sizes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of QUERIES) {
      started = performance.now();
      const result = await connection.callTool('search_tables', { query });
      latencies.push(performance.now() - started);
      sizes.push(Buffer.byteLength(result.content, 'utf8'));
    }
  }
  await connection.close();
  const note = `${tables} tables × ${columns} columns, ${latencies.length} searches`;
  report({ name: `${label}: first search (builds the index)`, value: build, unit: 'ms', note });
  report({ name: `${label}: index heap`, value: (heapAfter - heapBefore) / 1024 ** 2, unit: 'MB' });
  report({ name: `${label}: latency median`, value: median(latencies), unit: 'ms', note: 'goal ≤ 50 ms' });
  report({ name: `${label}: latency p99`, value: percentile(latencies, 99), unit: 'ms' });
  report({ name: `${label}: response size median`, value: median(sizes), unit: 'bytes' });
  report({
    name: `${label}: response size max`,
    value: Math.max(...sizes),
    unit: 'bytes',
    note: 'goal ≤ 4096',
  });
  return median(latencies);
}

export async function bench(report: BenchReport): Promise<void> {
  const small = await measure(report, 'demo-sized (12 × 8)', 12, 8, 10);
  const large = await measure(report, 'estate (5,000 × 200)', 5_000, 200, 3);
  report({ name: 'median latency, estate / demo-sized', value: large / small, unit: '×' });
}
