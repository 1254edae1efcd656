/**
 * The warehouse, as the agent reaches it: one backend per process (BigQuery, or the
 * DuckDB demo estate) and one MCP server and client per backend, made once, so the tool
 * catalogue is listed and its schemas compiled once per process. Each task registers its
 * policy — the channel's dataset allowlist and byte cap, which are never tool arguments —
 * under a scope token that every call of its connection carries in `_meta`.
 */
import type { Config } from '../config/config.ts';
import { systemClock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { TaskView } from '../core/ports/task-handler.ts';
import { createBigQueryBackend } from '../mcp/bigquery/bigquery-backend.ts';
import { createBigQueryClient } from '../mcp/bigquery/bigquery-client.ts';
import { randomUUID } from 'node:crypto';
import {
  connectScopedWarehouse,
  SCOPE_META_KEY,
  type RequestObserver,
  type ScopedWarehouseLink,
  type WarehouseConnection,
} from '../mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../mcp/duckdb/duckdb-backend.ts';
import { ensureDemoDataset } from '../mcp/duckdb/demo-dataset.ts';
import type { WarehouseBackend } from '../mcp/warehouse-backend.ts';
import type { WarehousePolicy } from '../mcp/warehouse-policy.ts';
import { resolveWarehouseScope, type WarehouseScope } from '../core/warehouse-scope.ts';
import { budgetHooks, createScopedWarehouseServer } from '../mcp/warehouse-server.ts';
import { safeRecorder } from '../mcp/query-log.ts';
import { createToolContext, type ToolCallExtra, type ToolContext } from '../mcp/tools/tool-context.ts';
import { warehouseInstructions } from '../mcp/warehouse-instructions.ts';
import { createByteBudget } from '../mcp/byte-budget.ts';
import { createByteLedgerStore } from '../store/byte-ledger-store.ts';
import { createPrismaQueryLog } from '../store/query-log-store.ts';
import type { Database } from '../store/prisma-client.ts';

export interface Warehouse {
  open(task: TaskView): Promise<WarehouseConnection>;
  close(): Promise<void>;
}

export interface WarehouseOptions {
  /** Sees each MCP request the agent's client sends (method name), e.g. for metrics. */
  onMcpRequest?: RequestObserver;
}

export async function createWarehouse(
  config: Config,
  db: Database,
  logger: Logger,
  options: WarehouseOptions = {},
): Promise<Warehouse> {
  const queryLog = createPrismaQueryLog(db);
  const budget = createByteBudget({ ledger: createByteLedgerStore(db), clock: systemClock });
  const backends = new Map<string, Promise<WarehouseBackend>>();
  const links = new Map<string, Promise<ScopedWarehouseLink>>();
  const scopes = new Map<string, ToolContext>();
  const warehouse = config.warehouse;

  function contextFor(extra: ToolCallExtra): ToolContext {
    const token = extra._meta?.[SCOPE_META_KEY];
    const context = typeof token === 'string' ? scopes.get(token) : undefined;
    // No scope, no tools: a call that names no open task fails closed.
    if (!context) throw new Error('this connection has no open task scope');
    return context;
  }

  function keyOf(scope: WarehouseScope): string {
    const projectId = warehouse.kind === 'duckdb' ? 'duckdb' : (scope.projectId ?? warehouse.projectId);
    const location = warehouse.kind === 'duckdb' ? null : scope.location;
    return location ? `${projectId}@${location}` : projectId;
  }

  function linkFor(scope: WarehouseScope): Promise<ScopedWarehouseLink> {
    const key = keyOf(scope);
    let linked = links.get(key);
    if (!linked) {
      linked = backendFor(scope).then((backend) =>
        connectScopedWarehouse(createScopedWarehouseServer(backend, contextFor), options.onMcpRequest),
      );
      linked.catch(() => links.delete(key));
      links.set(key, linked);
    }
    return linked;
  }

  function backendFor(scope: WarehouseScope): Promise<WarehouseBackend> {
    const projectId = warehouse.kind === 'duckdb' ? 'duckdb' : (scope.projectId ?? warehouse.projectId);
    const location = warehouse.kind === 'duckdb' ? null : scope.location;
    // One BigQuery client per (project, location): a mapping's location picks where jobs run.
    const key = keyOf(scope);
    let backend = backends.get(key);
    if (!backend) {
      backend =
        warehouse.kind === 'duckdb'
          ? createDuckDbBackend({ path: warehouse.path })
          : Promise.resolve(
              createBigQueryBackend({
                bigquery: createBigQueryClient({
                  projectId,
                  ...(location ? { location } : {}),
                  ...(warehouse.keyFile ? { keyFile: warehouse.keyFile } : {}),
                }),
                projectId,
                ...(location ? { location } : {}),
              }),
            );
      backends.set(key, backend);
    }
    return backend;
  }

  if (warehouse.kind === 'duckdb' && !config.env.DUCKDB_PATH) {
    // The demo estate: made on first start (a few seconds), reused afterwards.
    const demo = await ensureDemoDataset(warehouse.path);
    if (demo.generated) logger.info('demo warehouse generated', { path: demo.path });
  }

  function scopeFor(task: TaskView): WarehouseScope {
    return resolveWarehouseScope({
      channel: task.mapping,
      workspaceDefault: null,
      global: {
        projectId: warehouse.kind === 'bigquery' ? warehouse.projectId : null,
        datasets: warehouse.kind === 'bigquery' ? warehouse.datasets : [],
        location: warehouse.kind === 'bigquery' ? (warehouse.location ?? null) : null,
        maxBytesBilled: config.limits.maxBytesBilled,
      },
    });
  }

  function policyFor(task: TaskView, scope: WarehouseScope): WarehousePolicy {
    return {
      allowedDatasets: scope.allowedDatasets,
      maxBytesBilled: scope.maxBytesBilled,
      maxRows: config.limits.maxResultRows,
      maxResultBytes: config.limits.maxResultBytes,
      timeoutMs: config.limits.queryTimeoutMs,
      labels: {
        workspace: task.thread.workspaceId,
        channel: task.thread.channelId,
        user: task.userId,
        task: task.id,
      },
    };
  }

  return {
    async open(task) {
      const scope = scopeFor(task);
      // The channel's daily byte budget is the workspace default; the ledger counts bytes either way.
      const [limits, backend, linked] = await Promise.all([
        db.workspace.findUnique({
          where: { id: task.workspace.id },
          select: { bytesPerDay: true, admins: { select: { userId: true } } },
        }),
        backendFor(scope),
        linkFor(scope),
      ]);
      const policy = policyFor(task, scope);
      const request = {
        workspaceId: task.workspace.id,
        channelId: task.thread.channelId,
        userId: task.userId,
        taskId: task.id,
      };
      const context = createToolContext({
        backend,
        policy,
        request,
        clock: systemClock,
        record: safeRecorder(queryLog, (error) =>
          logger.warn('query log write failed', { taskId: task.id, error }),
        ),
        ...budgetHooks({
          budget,
          scope: {
            workspaceId: task.workspace.id,
            channelId: task.thread.channelId,
            timeZone: task.workspace.timeZone,
            bytesPerDay: limits?.bytesPerDay ?? null,
          },
          locale: task.locale,
          admins: limits?.admins.map((admin) => admin.userId) ?? [],
        }),
      });
      const token = randomUUID();
      scopes.set(token, context);
      return linked.connection(token, warehouseInstructions(backend, policy), () => scopes.delete(token));
    },
    async close() {
      const opened = await Promise.allSettled([...links.values()]);
      for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
      links.clear();
      scopes.clear();
      const made = await Promise.allSettled([...backends.values()]);
      for (const result of made) if (result.status === 'fulfilled') await result.value.close();
      backends.clear();
    },
  };
}
