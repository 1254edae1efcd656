/**
 * The real agent over Kotae's own MCP server on the DuckDB demo estate, with the real
 * sandbox and chart renderer; only the model is a fake vendor server (the real SDK
 * pointed at it). Shared by the end-to-end tests of every platform.
 */
import { createAgent } from '../../../src/agent/create-agent.ts';
import { createModelResolver, type ModelsConfig } from '../../../src/agent/models/model-resolver.ts';
import { systemClock } from '../../../src/core/clock.ts';
import type { Sandbox } from '../../../src/core/ports/sandbox.ts';
import type { TaskHandler } from '../../../src/core/ports/task-handler.ts';
import { connectWarehouse } from '../../../src/mcp/connect-in-process.ts';
import type { WarehouseBackend } from '../../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../../src/mcp/warehouse-server.ts';
import { renderChart } from '../../../src/render/chart/render-chart.ts';
import type { ScriptStep } from '../../fakes/llm-script.ts';
import { demoPolicy } from '../demo-warehouse.ts';

export function createDemoAgent(deps: {
  models: Partial<ModelsConfig>;
  backend: WarehouseBackend;
  sandbox: Sandbox;
}): TaskHandler {
  return createAgent({
    resolveModel: createModelResolver({ ...deps.models, chain: [] }),
    openWarehouse: async (task) =>
      connectWarehouse(
        createWarehouseServer({
          backend: deps.backend,
          policy: demoPolicy(),
          context: {
            workspaceId: task.workspace.id,
            channelId: task.thread.channelId,
            userId: task.userId,
            taskId: task.id,
          },
        }),
      ),
    sandbox: deps.sandbox,
    renderChart,
    clock: systemClock,
    budgets: { maxSteps: 12, maxTokens: 200_000, wallClockMs: 60_000 },
  });
}

/** December 2025's top five stores on the demo estate. */
export const TOP_STORES_SQL =
  'SELECT st.store_name, SUM(s.amount) AS sales FROM retail.sales s JOIN retail.stores st USING (store_id) ' +
  "WHERE s.sale_date >= DATE '2025-12-01' AND s.sale_date < DATE '2026-01-01' " +
  'GROUP BY st.store_name ORDER BY sales DESC LIMIT 5';

/** Analysis code for the sandbox: each store's share of the five. */
export const SHARES_CODE =
  "const total = sum(inputs.top, 'sales');\n" +
  'return inputs.top.map((row) => ({ store_name: row.store_name, share: Math.round((row.sales / total) * 1000) / 10 }));';

/**
 * The model's turns for "top five stores and their shares, as a chart": search, describe,
 * dry run, query, analyse, chart; the caller adds the final answer.
 */
export function topStoresChartTurns(): ScriptStep[] {
  return [
    { toolCalls: [{ name: 'search_tables', args: { query: '売上 店舗' } }] },
    { toolCalls: [{ name: 'describe_table', args: { table: 'retail.sales' } }] },
    { toolCalls: [{ name: 'dry_run', args: { sql: TOP_STORES_SQL } }] },
    { toolCalls: [{ name: 'execute_query', args: { sql: TOP_STORES_SQL } }] },
    { toolCalls: [{ name: 'run_analysis', args: { code: SHARES_CODE, inputs: { top: 'q1' } } }] },
    {
      toolCalls: [
        {
          name: 'make_chart',
          args: {
            type: 'bar',
            title: '上位5店舗の売上構成比',
            x: 'store_name',
            y: ['share'],
            data_from: 'a1',
          },
        },
      ],
    },
  ];
}
