/**
 * What one task may do in the warehouse. It comes from the channel's mapping (or the
 * standalone server's flags) when the server is created, never from a tool argument, so
 * nothing the model writes can widen it.
 */
import type { TableRef } from './warehouse-backend.ts';

export interface WarehousePolicy {
  /** Dataset ids ("sales" or "project.sales"), or '*' for every dataset the credentials see. */
  allowedDatasets: string[] | '*';
  /** Refuse a query whose dry run estimates more; BigQuery also enforces it (maximumBytesBilled). */
  maxBytesBilled: number;
  /** Rows returned to the model per query. */
  maxRows: number;
  /** Serialised size of the returned rows. */
  maxResultBytes: number;
  timeoutMs: number;
  /** Extra job labels (BigQuery), e.g. { team: 'finance' }. */
  labels?: Record<string, string>;
}

/**
 * Datasets whose names start with "_" are hidden: BigQuery's anonymous datasets hold other
 * queries' cached results, DuckDB's "_kotae" holds our metadata. Never allowed, not even by '*'.
 */
export function isHiddenDataset(dataset: string): boolean {
  return (dataset.split('.').pop() ?? dataset).startsWith('_');
}

/** `project.dataset` with the default project filled in, for comparing allowlist entries. */
function qualify(dataset: string, project: string | undefined, defaultProject: string | undefined): string {
  if (dataset.includes('.')) return dataset.toLowerCase();
  const owner = project ?? defaultProject;
  return (owner ? `${owner}.${dataset}` : dataset).toLowerCase();
}

export function isDatasetAllowed(
  policy: WarehousePolicy,
  dataset: string,
  project: string | undefined,
  defaultProject: string | undefined,
): boolean {
  if (isHiddenDataset(dataset)) return false;
  if (policy.allowedDatasets === '*')
    return project === undefined || project === defaultProject || !defaultProject;
  const wanted = qualify(dataset, project, defaultProject);
  return policy.allowedDatasets.some((entry) => qualify(entry, undefined, defaultProject) === wanted);
}

export function isTableAllowed(
  policy: WarehousePolicy,
  ref: TableRef,
  defaultProject: string | undefined,
): boolean {
  return isDatasetAllowed(policy, ref.dataset, ref.project, defaultProject);
}

export function describeAllowlist(policy: WarehousePolicy): string {
  return policy.allowedDatasets === '*'
    ? 'all datasets of the project'
    : policy.allowedDatasets.join(', ') || 'none';
}
