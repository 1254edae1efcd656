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
