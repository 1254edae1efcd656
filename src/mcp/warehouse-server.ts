/**
 * The warehouse MCP server: six tools over one backend. A standalone connection (`kotae mcp`)
 * gets a server with one fixed policy and requester; the bot makes one server per backend
 * and process (createScopedWarehouseServer), and each call names its task's scope, so the
 * tool catalogue and its schemas are built and compiled once, not per task.
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
import {
  createToolContext,
  fixedContext,
  type ToolContextSource,
  type WarehouseRequestContext,
} from './tools/tool-context.ts';
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
  const server = newServer(backend, warehouseInstructions(backend, policy));
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
  registerTools(server, fixedContext(context));
  return server;
}

/**
 * One server for every task on one backend: each call's context comes from `contextFor`
 * (the bot resolves it from the call's `_meta`); a call without a known scope fails closed.
 * Its `instructions` are generic; the per-task ones come from warehouseInstructions().
 */
export function createScopedWarehouseServer(
  backend: WarehouseBackend,
  contextFor: ToolContextSource,
): McpServer {
  const server = newServer(backend, undefined);
  registerTools(server, contextFor);
  return server;
}

function newServer(backend: WarehouseBackend, instructions: string | undefined): McpServer {
  return new McpServer(
    { name: WAREHOUSE_SERVER_NAME, version: WAREHOUSE_SERVER_VERSION, title: 'Kotae warehouse' },
    {
      ...(instructions !== undefined ? { instructions } : {}),
      capabilities: {
        experimental: { [WAREHOUSE_CAPABILITY]: { backend: backend.kind, dialect: backend.dialect } },
      },
    },
  );
}

function registerTools(server: McpServer, contextFor: ToolContextSource): void {
  registerSearchTablesTool(server, contextFor);
  registerCatalogueTools(server, contextFor);
  registerQueryTools(server, contextFor);
}

/** The budget hooks of a tool context, from a channel's budget and the person's locale. */
export function budgetHooks(budget: NonNullable<WarehouseServerDeps['budget']>) {
  return {
    reserveBytes: (estimate: number) => budget.budget.reserve(budget.scope, estimate),
    describeRefusal: (refusal: Parameters<typeof budgetRefusalNotice>[0]) =>
      budgetRefusalNotice(refusal, budget.locale, budget.admins),
  };
}
