/** What every warehouse tool needs: the backend, the task's policy and who is asking. */
import type { Clock } from '../../core/clock.ts';
import type { BudgetRefusal, BudgetReservation } from '../byte-budget.ts';
import type { QueryLogEntry } from '../query-log.ts';
import type { DatasetInfo, TableRef, WarehouseBackend } from '../warehouse-backend.ts';
import { isDatasetAllowed, isHiddenDataset, type WarehousePolicy } from '../warehouse-policy.ts';

export interface WarehouseRequestContext {
  workspaceId?: string;
  channelId?: string;
  userId?: string;
  taskId?: string;
  /** What ran the query, for the kotae_kind job label: "question", "digest" or "mcp". */
  kind?: string;
}

export interface ToolContext {
  backend: WarehouseBackend;
  policy: WarehousePolicy;
  request: WarehouseRequestContext;
  clock: Clock;
  /** Reserve a query's estimate against the channel's daily byte budget; absent means no budget. */
  reserveBytes?: (estimate: number) => Promise<BudgetReservation | BudgetRefusal>;
  /** The refusal as the model reads it (it may pass the notice on to the person). */
  describeRefusal?: (refusal: BudgetRefusal) => string;
  record(entry: Omit<QueryLogEntry, 'backend' | 'createdAt' | keyof WarehouseRequestContext>): Promise<void>;
  isDatasetAllowed(dataset: string): boolean;
  /** The datasets this task may see, as the backend lists them. */
  allowedDatasets(): Promise<DatasetInfo[]>;
  /** "dataset.table" or "project.dataset.table", with or without `backticks`. */
  parseTable(text: string): TableRef | null;
}

/** What the SDK hands a tool callback; `_meta` carries the caller's per-call scope token. */
export interface ToolCallExtra {
  _meta?: Record<string, unknown> | undefined;
}

/**
 * Where a tool finds its context for one call. A standalone server has one fixed context;
 * the bot's process-wide server resolves the task's context from the call's `_meta`.
 */
export type ToolContextSource = (extra: ToolCallExtra) => ToolContext;

/** A source that always answers with the same context (one server per connection). */
export function fixedContext(context: ToolContext): ToolContextSource {
  return () => context;
}

export function createToolContext(deps: {
  backend: WarehouseBackend;
  policy: WarehousePolicy;
  request: WarehouseRequestContext;
  clock: Clock;
  record: (entry: QueryLogEntry) => Promise<void>;
  reserveBytes?: ToolContext['reserveBytes'];
  describeRefusal?: ToolContext['describeRefusal'];
}): ToolContext {
  const { backend, policy, request, clock } = deps;
  const allowed = (dataset: string): boolean => {
    const [project, id] = dataset.includes('.') ? dataset.split('.', 2) : [undefined, dataset];
    return isDatasetAllowed(policy, id ?? dataset, project, backend.projectId);
  };
  return {
    backend,
    policy,
    request,
    clock,
    ...(deps.reserveBytes ? { reserveBytes: deps.reserveBytes } : {}),
    ...(deps.describeRefusal ? { describeRefusal: deps.describeRefusal } : {}),
    record: (entry) =>
      deps.record({
        ...entry,
        ...who(request),
        backend: backend.kind,
        createdAt: clock.now(),
      }),
    isDatasetAllowed: allowed,
    async allowedDatasets() {
      const all = await backend.listDatasets();
      return all.filter((info) => !isHiddenDataset(info.dataset) && allowed(info.dataset));
    },
    parseTable(text) {
      const parts = text.trim().replace(/[`"]/g, '').split('.');
      if (parts.some((part) => part === '')) return null;
      if (parts.length === 2) return { dataset: parts[0]!, table: parts[1]! };
      if (parts.length === 3 && backend.projectId) {
        return parts[0] === backend.projectId
          ? { dataset: parts[1]!, table: parts[2]! }
          : { project: parts[0]!, dataset: parts[1]!, table: parts[2]! };
      }
      return null;
    },
  };
}

/** Who asked, as the query log stores it (the job kind is a label, not a log column). */
function who(request: WarehouseRequestContext): Omit<WarehouseRequestContext, 'kind'> {
  const out: Omit<WarehouseRequestContext, 'kind'> = {};
  if (request.workspaceId !== undefined) out.workspaceId = request.workspaceId;
  if (request.channelId !== undefined) out.channelId = request.channelId;
  if (request.userId !== undefined) out.userId = request.userId;
  if (request.taskId !== undefined) out.taskId = request.taskId;
  return out;
}
