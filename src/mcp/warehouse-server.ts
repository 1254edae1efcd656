/**
 * The warehouse MCP server: six tools over one backend, one policy and one requester.
 * Made per task (or per standalone connection), because the policy and the requester
 * belong to the channel and the person asking; the backend and its caches are shared.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { systemClock, type Clock } from '../core/clock.ts';
import { errorMessage } from '../core/errors.ts';
import { budgetRefusalNotice, type ByteBudget, type BudgetScope } from './byte-budget.ts';
import type { Locale } from '../core/locale.ts';
import { noQueryLog, safeRecorder, type QueryLogSink } from './query-log.ts';
import { registerCatalogueTools } from './tools/catalogue-tools.ts';
import { registerQueryTools } from './tools/query-tools.ts';
import { registerSearchTablesTool } from './tools/search-tables-tool.ts';
import { createToolContext, type WarehouseRequestContext } from './tools/tool-context.ts';
import type { WarehouseBackend } from './warehouse-backend.ts';
import { warehouseInstructions } from './warehouse-instructions.ts';
import type { WarehousePolicy } from './warehouse-policy.ts';

export const WAREHOUSE_SERVER_NAME = 'kotae-warehouse';
export const WAREHOUSE_SERVER_VERSION = '0.1.0';
/** Key under the MCP `capabilities.experimental` object where the server states its dialect. */
export const WAREHOUSE_CAPABILITY = 'kotae/warehouse';

export interface WarehouseServerDeps {
  backend: WarehouseBackend;
  policy: WarehousePolicy;
  queryLog?: QueryLogSink;
  context: WarehouseRequestContext;
  clock?: Clock;
  /** The channel's daily byte budget; absent means queries are not counted against one. */
  budget?: { budget: ByteBudget; scope: BudgetScope; locale: Locale; admins: readonly string[] };
  /** Where query-log failures go; they never fail the query. Default: stderr. */
  onLogError?: (error: unknown) => void;
}

export function createWarehouseServer(deps: WarehouseServerDeps): McpServer {
  const { backend, policy } = deps;
  const server = new McpServer(
    { name: WAREHOUSE_SERVER_NAME, version: WAREHOUSE_SERVER_VERSION, title: 'Kotae warehouse' },
    {
      instructions: warehouseInstructions(backend, policy),
      capabilities: {
        experimental: { [WAREHOUSE_CAPABILITY]: { backend: backend.kind, dialect: backend.dialect } },
      },
    },
  );
  const record = safeRecorder(
    deps.queryLog ?? noQueryLog,
    deps.onLogError ??
      ((error) => process.stderr.write(`kotae mcp: query log failed: ${errorMessage(error)}\n`)),
  );
  const context = createToolContext({
    backend,
    policy,
    request: deps.context,
    clock: deps.clock ?? systemClock,
    record,
    ...(deps.budget ? budgetHooks(deps.budget) : {}),
  });
  registerSearchTablesTool(server, context);
  registerCatalogueTools(server, context);
  registerQueryTools(server, context);
  return server;
}

function budgetHooks(budget: NonNullable<WarehouseServerDeps['budget']>) {
  return {
    reserveBytes: (estimate: number) => budget.budget.reserve(budget.scope, estimate),
    describeRefusal: (refusal: Parameters<typeof budgetRefusalNotice>[0]) =>
      budgetRefusalNotice(refusal, budget.locale, budget.admins),
  };
}
