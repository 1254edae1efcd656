/**
 * search_tables and list_tables, on the demo estate and on a 5,000 × 200 estate. If this
 * breaks, the model cannot find the table that answers "先月の売上は？", floods its own
 * context with the whole catalogue, or learns tables of datasets the channel may not use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSyntheticEstate } from '../../bench/synthetic-estate.ts';
import { connectWarehouse, type WarehouseConnection } from '../../src/mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import { SEARCH_RESPONSE_MAX_BYTES } from '../../src/mcp/tools/search-tables-tool.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { demoPolicy, sharedDemoPath } from '../support/demo-warehouse.ts';

interface SearchData {
  results: Array<{ table: string; columns: Array<{ name: string; description?: string }> }>;
  glossary?: Array<{ terms: string[]; targets: string[] }>;
  more: number;
}

describe('search_tables on the demo estate', () => {
  let backend: WarehouseBackend;
  let connection: WarehouseConnection;

  beforeAll(async () => {
    backend = await createDuckDbBackend({ path: await sharedDemoPath() });
    connection = await connectWarehouse(
      createWarehouseServer({ backend, policy: demoPolicy(), context: {} }),
    );
  });
  afterAll(async () => {
    await connection.close();
    await backend.close();
  });

  const search = async (query: string) =>
    (await connection.callTool('search_tables', { query })).data as SearchData;

  it('finds the sales amount for 売上 through the glossary, amount first', async () => {
    const data = await search('売上');
    const sales = data.results.find((result) => result.table === 'retail.sales');
    expect(data.results.slice(0, 3).map((result) => result.table)).toContain('retail.sales');
    expect(sales?.columns[0]?.name).toBe('amount');
    expect(data.glossary?.[0]?.targets).toContain('retail.sales.amount');
  });

  it('answers a whole Japanese question with the tables it needs', async () => {
    const data = await search('先月の都道府県別の売上トップ10の店舗は？');
    const tables = data.results.map((result) => result.table);
    expect(tables).toEqual(expect.arrayContaining(['retail.sales', 'retail.stores', 'retail.prefectures']));
  });

  it('understands English business words too', async () => {
    const data = await search('gross profit by product category');
    const top = data.results.slice(0, 2);
    expect(top.map((result) => result.table).sort()).toEqual(['retail.products', 'retail.sales']);
    const sales = top.find((result) => result.table === 'retail.sales');
    expect(sales?.columns.map((column) => column.name)).toEqual(
      expect.arrayContaining(['gross_profit', 'category_code']),
    );
  });

  it('never shows tables of datasets the channel may not use', async () => {
    const data = await search('スタッフ 時給 給与 staff wage salary');
    expect(data.results.map((result) => result.table).some((table) => table.startsWith('hr.'))).toBe(false);
  });

  it('says so when nothing matches', async () => {
    const result = await connection.callTool('search_tables', { query: 'zzqx' });
    expect(result.isError).toBe(false);
    expect(result.data).toMatchObject({ results: [], more: 0, hint: expect.stringContaining('No match') });
  });
});

describe('search_tables and list_tables on a 5,000-table × 200-column estate', () => {
  let connection: WarehouseConnection;

  beforeAll(async () => {
    connection = await connectSyntheticEstate({ tables: 5_000, columnsPerTable: 200 });
  }, 120_000);
  afterAll(async () => {
    await connection.close();
  });

  it('keeps every answer under 4 KB and still ranks the right table first', async () => {
    for (const query of [
      '売上 店舗',
      'daily sales by store',
      '顧客 注文 金額',
      'customer id',
      'amount',
      'id',
      'stock on hand',
    ]) {
      const result = await connection.callTool('search_tables', { query, limit: 10 });
      expect(Buffer.byteLength(result.content, 'utf8'), query).toBeLessThanOrEqual(SEARCH_RESPONSE_MAX_BYTES);
      const data = result.data as SearchData;
      expect(data.results.length, query).toBeGreaterThan(0);
      expect(data.more, query).toBeGreaterThan(0);
    }
    const sales = (await connection.callTool('search_tables', { query: '売上 店舗' })).data as SearchData;
    expect(sales.results[0]?.table).toBe('sales_mart.daily_store_sales');
    expect(sales.results[0]?.columns[0]?.name).toBe('net_sales');
  });

  it('pages list_tables with a cursor, never the whole dataset at once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await connection.callTool('list_tables', {
        dataset: 'sales_0',
        page_size: 30,
        ...(cursor ? { cursor } : {}),
      });
      const data = result.data as { tables: Array<{ table: string }>; total: number; next_cursor?: string };
      expect(data.tables.length).toBeLessThanOrEqual(30);
      seen.push(...data.tables.map((table) => table.table));
      cursor = data.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
  });

  it('refuses a cursor from another dataset and an oversized page', async () => {
    const first = await connection.callTool('list_tables', { dataset: 'sales_0', page_size: 10 });
    const cursor = (first.data as { next_cursor: string }).next_cursor;
    const wrong = await connection.callTool('list_tables', { dataset: 'finance_0', cursor });
    expect(wrong).toMatchObject({ isError: true, content: expect.stringContaining('cursor is not valid') });
    const huge = await connection.callTool('list_tables', { dataset: 'sales_0', page_size: 100_000 });
    expect(huge.isError).toBe(true);
  });
});
