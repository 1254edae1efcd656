/**
 * A large, deterministic warehouse catalogue for the search benchmark (and its test):
 * N tables × M columns spread over business domains, with English and Japanese
 * descriptions on about half of the columns, as real estates have. Served through a
 * read-only backend that implements the warehouse port from memory: no data, catalogue only.
 */
import { connectWarehouse, type WarehouseConnection } from '../src/mcp/connect-in-process.ts';
import type { GlossaryEntry, TableInfo, WarehouseBackend } from '../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../src/mcp/warehouse-server.ts';

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = [
  ['sales', '売上'],
  ['marketing', 'マーケティング'],
  ['finance', '財務'],
  ['logistics', '物流'],
  ['inventory', '在庫'],
  ['crm', '顧客'],
  ['web', 'ウェブ解析'],
  ['support', 'サポート'],
  ['hr', '人事'],
  ['product', '商品'],
] as const;

const ENTITIES = [
  ['orders', '注文'],
  ['customers', '顧客'],
  ['stores', '店舗'],
  ['shipments', '出荷'],
  ['campaigns', 'キャンペーン'],
  ['sessions', 'セッション'],
  ['tickets', '問い合わせ'],
  ['invoices', '請求書'],
  ['stock_levels', '在庫数'],
  ['employees', '従業員'],
  ['products', '商品'],
  ['returns', '返品'],
  ['payments', '支払'],
  ['visits', '来店'],
  ['budgets', '予算'],
] as const;

const GRAINS = ['daily', 'weekly', 'monthly', 'raw', 'snapshot', 'agg', 'mart', 'staging', 'hist', 'v2'];

const COLUMN_WORDS: ReadonlyArray<readonly [string, string, string]> = [
  ['id', 'INT64', 'Identifier / ID'],
  ['created_at', 'TIMESTAMP', 'Created time / 作成日時'],
  ['updated_at', 'TIMESTAMP', 'Updated time / 更新日時'],
  ['customer_id', 'INT64', 'Customer id / 顧客ID'],
  ['store_id', 'INT64', 'Store id / 店舗ID'],
  ['product_id', 'INT64', 'Product id / 商品ID'],
  ['amount', 'NUMERIC', 'Amount in JPY / 金額（円）'],
  ['quantity', 'INT64', 'Quantity / 数量'],
  ['unit_price', 'NUMERIC', 'Unit price / 単価'],
  ['discount', 'NUMERIC', 'Discount / 値引'],
  ['tax', 'NUMERIC', 'Consumption tax / 消費税'],
  ['region_code', 'STRING', 'Region code / 地域コード'],
  ['prefecture_code', 'STRING', 'Prefecture / 都道府県'],
  ['campaign_id', 'STRING', 'Campaign / キャンペーン'],
  ['channel', 'STRING', 'Sales channel / チャネル'],
  ['status', 'STRING', 'Status / ステータス'],
  ['event_date', 'DATE', 'Event date / 日付'],
  ['session_count', 'INT64', 'Sessions / セッション数'],
  ['conversion_rate', 'FLOAT64', 'Conversion rate / CVR'],
  ['cost', 'NUMERIC', 'Cost / 原価'],
  ['margin', 'NUMERIC', 'Gross margin / 粗利'],
  ['stock_on_hand', 'INT64', 'Stock on hand / 在庫数'],
  ['lead_time_days', 'INT64', 'Lead time in days / リードタイム'],
  ['employee_id', 'INT64', 'Employee / 従業員ID'],
  ['score', 'FLOAT64', 'Score / スコア'],
];

export interface EstateOptions {
  tables: number;
  columnsPerTable: number;
  seed?: number;
}

/**
 * The estate, plus one known needle: `sales_mart.daily_store_sales`, whose `net_sales`
 * column is described as 売上 — what a well-ranked search for 売上 店舗 should surface.
 */
export function generateEstate(options: EstateOptions): TableInfo[] {
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const tables: TableInfo[] = [];
  for (let t = 0; t < options.tables; t += 1) {
    const [domain, domainJa] = DOMAINS[t % DOMAINS.length]!;
    const [entity, entityJa] = pick(ENTITIES);
    const dataset = `${domain}_${Math.floor(t / DOMAINS.length) % 5}`;
    const columns = Array.from({ length: options.columnsPerTable }, (_, c) => {
      const [word, type, description] = c < COLUMN_WORDS.length ? COLUMN_WORDS[c]! : pick(COLUMN_WORDS);
      const name = c < COLUMN_WORDS.length ? word : `${word}_${pick(GRAINS)}_${c}`;
      return next() < 0.5 ? { name, type, description: `${description} (${entityJa})` } : { name, type };
    });
    tables.push({
      dataset,
      table: `${entity}_${pick(GRAINS)}_${t}`,
      type: 'TABLE',
      description: `${domainJa}: ${entityJa} / ${domain} ${entity.replace('_', ' ')}`,
      rowCount: Math.floor(next() * 1e9),
      columns,
    });
  }
  tables.push({
    dataset: 'sales_mart',
    table: 'daily_store_sales',
    type: 'TABLE',
    description: '店舗別日次売上 / Daily sales per store',
    rowCount: 12_000_000,
    columns: [
      { name: 'sale_date', type: 'DATE', description: '売上日 / Sales date' },
      { name: 'store_id', type: 'INT64', description: '店舗ID / Store id' },
      { name: 'net_sales', type: 'NUMERIC', description: '売上金額（税抜） / Net sales amount' },
      ...Array.from({ length: Math.max(0, options.columnsPerTable - 3) }, (_, c) => ({
        name: `attribute_${c}`,
        type: 'STRING',
      })),
    ],
  });
  return tables;
}

export const ESTATE_GLOSSARY: GlossaryEntry[] = [
  { terms: ['売上', 'sales', 'revenue'], targets: ['sales_mart.daily_store_sales.net_sales'] },
];

/** The warehouse port over a catalogue held in memory; it has no data to query. */
export function createCatalogueOnlyBackend(
  tables: TableInfo[],
  glossary: GlossaryEntry[] = [],
): WarehouseBackend {
  const byDataset = new Map<string, TableInfo[]>();
  for (const table of tables) byDataset.set(table.dataset, [...(byDataset.get(table.dataset) ?? []), table]);
  const noData = async (): Promise<never> => {
    throw new Error('this backend holds a catalogue only');
  };
  return {
    kind: 'bigquery',
    dialect: 'GoogleSQL (BigQuery standard SQL)',
    projectId: 'estate',
    listDatasets: async () => [...byDataset.keys()].sort().map((dataset) => ({ dataset })),
    listTables: async (dataset) =>
      (byDataset.get(dataset) ?? []).map(({ columns: _columns, ...summary }) => summary),
    catalogue: async (dataset) => byDataset.get(dataset) ?? [],
    describeTable: async (ref) =>
      byDataset.get(ref.dataset)?.find((table) => table.table === ref.table) ?? null,
    sampleRows: async () => ({ columns: [], rows: [] }),
    glossary: async () => glossary,
    dryRun: noData,
    execute: noData,
    close: async () => {},
  };
}

/** An MCP connection to a warehouse server over a generated estate, with every dataset allowed. */
export async function connectSyntheticEstate(options: EstateOptions): Promise<WarehouseConnection> {
  return await connectWarehouse(
    createWarehouseServer({
      backend: createCatalogueOnlyBackend(generateEstate(options), ESTATE_GLOSSARY),
      policy: {
        allowedDatasets: '*',
        maxBytesBilled: 1e12,
        maxRows: 100,
        maxResultBytes: 65_536,
        timeoutMs: 30_000,
      },
      context: {},
    }),
  );
}
