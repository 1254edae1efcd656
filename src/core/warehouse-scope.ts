/**
 * The one place that decides a task's warehouse scope: which project, which datasets,
 * which location and which byte cap. The agent's warehouse, the guard (through the policy
 * built from this scope) and the standalone MCP server all read the result; nothing else
 * combines a mapping with the configuration.
 *
 * Rules:
 * - the channel's own mapping wins, then the workspace default, then the configuration;
 * - the byte cap is the smaller of the mapping's cap and the global cap: a mapping can
 *   lower the cap, never raise it;
 * - the mapping's location is used when it has one.
 */
import type { ChannelMappingView } from './ports/task-handler.ts';

export interface GlobalWarehouseScope {
  /** The configured project; null for DuckDB, which has none. */
  projectId: string | null;
  /** Configured datasets; empty means every dataset the credentials see. */
  datasets: string[];
  location: string | null;
  /** The operator's cap per query (MAX_BYTES_BILLED). */
  maxBytesBilled: number;
}

export interface WarehouseScope {
  projectId: string | null;
  /** Dataset ids, or '*' for every dataset the credentials see. */
  allowedDatasets: string[] | '*';
  location: string | null;
  maxBytesBilled: number;
  /** Where the scope came from, for status lines and logs. */
  source: 'channel' | 'workspace-default' | 'configuration';
}

export interface ScopeInputs {
  channel: ChannelMappingView | null;
  workspaceDefault: ChannelMappingView | null;
  global: GlobalWarehouseScope;
}

/** The smaller of a mapping's cap and the global cap; a missing or invalid cap means the global one. */
export function effectiveByteCap(mappingCap: number | null | undefined, globalCap: number): number {
  if (mappingCap === null || mappingCap === undefined || !Number.isFinite(mappingCap) || mappingCap <= 0)
    return globalCap;
  return Math.min(mappingCap, globalCap);
}

export function resolveWarehouseScope(inputs: ScopeInputs): WarehouseScope {
  const { global } = inputs;
  const mapping = inputs.channel ?? inputs.workspaceDefault;
  if (!mapping) {
    return {
      projectId: global.projectId,
      allowedDatasets: global.datasets.length > 0 ? [...global.datasets] : '*',
      location: global.location,
      maxBytesBilled: global.maxBytesBilled,
      source: 'configuration',
    };
  }
  const datasets = mapping.allowedDatasets.filter((dataset) => dataset.trim() !== '');
  return {
    projectId: mapping.projectId.trim() !== '' ? mapping.projectId : global.projectId,
    allowedDatasets: datasets.length > 0 ? datasets : global.datasets.length > 0 ? [...global.datasets] : '*',
    location: mapping.location ?? global.location,
    maxBytesBilled: effectiveByteCap(mapping.maxBytesBilled, global.maxBytesBilled),
    source: inputs.channel ? 'channel' : 'workspace-default',
  };
}
