/**
 * The warehouse, as the agent reaches it: one backend per process (BigQuery, or the
 * DuckDB demo estate) and one MCP server and client per backend, made once, so the tool
 * catalogue is listed and its schemas compiled once per process. Each task registers its
 * policy — the channel's dataset allowlist and byte cap, which are never tool arguments —
 * under a scope token that every call of its connection carries in `_meta`.
 */
import type { Config } from '../config/config.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { KotaeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { noMetrics, type Metrics } from '../core/ports/metrics.ts';
import type { TaskView } from '../core/ports/task-handler.ts';
import { randomUUID } from 'node:crypto';
import {
  connectScopedWarehouse,
  SCOPE_META_KEY,
  type RequestObserver,
  type ScopedWarehouseLink,
  type WarehouseConnection,
} from '../mcp/connect-in-process.ts';
import { openWarehouse, warehousePolicy } from '../mcp/open-warehouse.ts';
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
import { createLimitsStore } from '../store/limits-store.ts';
import { createPrismaQueryLog } from '../store/query-log-store.ts';
import { meteredQueryLog } from '../mcp/metered-query-log.ts';
import type { Database } from '../store/prisma-client.ts';

export interface Warehouse {
  open(task: TaskView): Promise<WarehouseConnection>;
  /** Readiness: null until a backend was opened; then a free dry run on each (result kept 30 s). */
  check(): Promise<void> | null;
  close(): Promise<void>;
}

/** How long a warehouse readiness answer is reused: a probe every few seconds must not hit BigQuery each time. */
const CHECK_TTL_MS = 30_000;

export interface WarehouseOptions {
  /** Counts bytes and refusals (default: nothing). */
  metrics?: Metrics;
  /** The budget's day and the tool context's time (default: the system clock). */
  clock?: Clock;
  /** Sees each MCP request the agent's client sends (method name), e.g. for metrics. */
  onMcpRequest?: RequestObserver;
}

export async function createWarehouse(
  config: Config,
  db: Database,
  logger: Logger,
  options: WarehouseOptions = {},
): Promise<Warehouse> {
  const clock = options.clock ?? systemClock;
  const queryLog = meteredQueryLog(createPrismaQueryLog(db), options.metrics ?? noMetrics);
  let lastCheck: { at: number; result: Promise<void> } | null = null;
  const budget = createByteBudget({ ledger: createByteLedgerStore(db), clock });
  const limitsStore = createLimitsStore(db);
  const backends = new Map<string, Promise<WarehouseBackend>>();
  const links = new Map<string, Promise<ScopedWarehouseLink>>();
  const scopes = new Map<string, ToolContext>();
  const warehouse = config.warehouse;

  function contextFor(extra: ToolCallExtra): ToolContext {
    const token = extra._meta?.[SCOPE_META_KEY];
    const context = typeof token === 'string' ? scopes.get(token) : undefined;
    // No scope, no tools: a call that names no open task fails closed.
    if (!context) throw new KotaeError('warehouse_no_scope', 'this connection has no open task scope');
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
      // The demo estate was made at start (below): opening reads it as it is.
      backend = openWarehouse(
        warehouse.kind === 'duckdb'
          ? { kind: 'duckdb', path: warehouse.path, demo: false }
          : {
              kind: 'bigquery',
              projectId,
              ...(location ? { location } : {}),
              ...(warehouse.keyFile ? { keyFile: warehouse.keyFile } : {}),
            },
      ).then((opened) => opened.backend);
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
    return warehousePolicy(scope, config.limits, {
      workspace: task.thread.workspaceId,
      channel: task.thread.channelId,
      user: task.userId,
      task: task.id,
    });
  }

  return {
    async open(task) {
      // Production (BigQuery): a channel reads nothing until an admin maps it or sets a
      // workspace default. Embedded (the DuckDB demo): the demo datasets are the default.
      if (warehouse.kind === 'bigquery' && task.mapping === null) {
        throw new KotaeError('warehouse_unmapped', 'no mapping for this channel and no workspace default', {
          userMessage: 'admin.unmapped.production',
        });
      }
      const scope = scopeFor(task);
      // The channel's own daily byte budget, else the workspace default; the ledger counts bytes either way.
      const [limits, admins, backend, linked] = await Promise.all([
        limitsStore.forChannel(task.workspace.id, task.thread.channelId),
        db.admin.findMany({ where: { workspaceId: task.workspace.id }, select: { userId: true } }),
        backendFor(scope),
        linkFor(scope),
      ]);
      const policy = policyFor(task, scope);
      const request = {
        workspaceId: task.workspace.id,
        channelId: task.thread.channelId,
        userId: task.userId,
        taskId: task.id,
        kind: task.kind === 'DIGEST' ? ('digest' as const) : ('question' as const),
      };
      const context = createToolContext({
        backend,
        policy,
        request,
        clock,
        record: safeRecorder(queryLog, (error) =>
          logger.warn('query log write failed', { taskId: task.id, error }),
        ),
        ...budgetHooks({
          budget,
          scope: {
            workspaceId: task.workspace.id,
            channelId: task.thread.channelId,
            timeZone: task.timeZone,
            bytesPerDay: limits.bytesPerDay,
          },
          locale: task.locale,
          admins: admins.map((admin) => admin.userId),
        }),
      });
      const token = randomUUID();
      scopes.set(token, context);
      return linked.connection(token, warehouseInstructions(backend, policy), () => scopes.delete(token));
    },
    check() {
      if (backends.size === 0) return null;
      if (!lastCheck || Date.now() - lastCheck.at > CHECK_TTL_MS) {
        const result = Promise.all(
          [...backends.values()].map(async (backend) => {
            await (await backend).dryRun('SELECT 1', { kotae: 'readyz' });
          }),
        ).then(() => undefined);
        result.catch(() => {});
        lastCheck = { at: Date.now(), result };
      }
      return lastCheck.result;
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
