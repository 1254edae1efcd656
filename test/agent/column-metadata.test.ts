/**
 * The table metadata supplies the answer table's headers: after describe_table on Kotae's
 * own warehouse (the demo estate, whose columns are described "日本語 / English"), a query
 * over those columns shows 注文日 and 注文金額 (as yen), not order_date and total_amount.
 * If this breaks, answers show raw column names whenever the model gives no labels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResultStore } from '../../src/agent/result-store.ts';
import { createToolCatalogue } from '../../src/agent/tool-catalogue.ts';
import { runToolCall } from '../../src/agent/tool-runner.ts';
import type { Locale } from '../../src/core/locale.ts';
import { connectWarehouse } from '../../src/mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { tableView } from '../../src/render/table-view.ts';
import { demoPolicy, sharedDemoPath } from '../support/demo-warehouse.ts';

let backend: WarehouseBackend;
beforeAll(async () => {
  backend = await createDuckDbBackend({ path: await sharedDemoPath() });
});
afterAll(async () => {
  await backend?.close();
});

const SQL =
  "SELECT order_date, SUM(total_amount) AS total_amount FROM retail.orders WHERE order_date >= DATE '2025-12-01' " +
  'GROUP BY order_date ORDER BY order_date LIMIT 3';

describe('labels from the table metadata', () => {
  for (const [locale, header] of [
    ['ja', ['注文日', '注文金額']],
    ['en', ['Order date', 'Order total']],
  ] as const) {
    it(`label the answer table in ${locale}, and show money as money`, async () => {
      const warehouse = await connectWarehouse(
        createWarehouseServer({ backend, policy: demoPolicy(), context: {} }),
      );
      const signal = new AbortController().signal;
      try {
        const catalogue = await createToolCatalogue(warehouse, [], signal);
        const store = createResultStore();
        const env = {
          catalogue,
          store,
          locale: locale as Locale,
          context: { startStep: () => ({ finish: () => {} }) },
          signal,
        };
        await runToolCall({ id: 'c1', name: 'describe_table', arguments: { table: 'retail.orders' } }, env);
        await runToolCall({ id: 'c2', name: 'execute_query', arguments: { sql: SQL } }, env);
        const table = store.lastTable()!;
        expect(table.columns.map((column) => column.currency ?? null)).toEqual([null, 'JPY']);
        const view = tableView(table, locale);
        expect(view.header).toEqual(header);
        expect(view.rows[0]![1]).toMatch(locale === 'ja' ? /^￥[\d,]+$/ : /^¥[\d,]+$/);
      } finally {
        await warehouse.close();
      }
    });
  }
});
