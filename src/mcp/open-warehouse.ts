/**
 * The one way to open the warehouse, for `kotae bot`/`dev` (src/app/warehouse.ts) and
 * `kotae mcp` alike: the backend a spec names, and the policy a resolved scope and the
 * configured limits give, so the two entry points can never disagree on either.
 */
import type { WarehouseLimits } from '../config/warehouse-limits.ts';
import type { WarehouseScope } from '../core/warehouse-scope.ts';
import { createBigQueryBackend } from './bigquery/bigquery-backend.ts';
import { createBigQueryClient } from './bigquery/bigquery-client.ts';
import { ensureDemoDataset } from './duckdb/demo-dataset.ts';
import { createDuckDbBackend } from './duckdb/duckdb-backend.ts';
import type { WarehouseBackend } from './warehouse-backend.ts';
import type { WarehousePolicy } from './warehouse-policy.ts';

export type WarehouseSpec =
  /** `demo`: the demo estate, generated at `path` when missing or older, reused after. */
  | { kind: 'duckdb'; path: string; demo: boolean }
  | { kind: 'bigquery'; projectId: string; location?: string; keyFile?: string };

export interface OpenedWarehouse {
  backend: WarehouseBackend;
  /** For logs, e.g. "BigQuery project acme" or "DuckDB .kotae/demo.duckdb". */
  label: string;
}

export async function openWarehouse(
  spec: WarehouseSpec,
  options: { onDemoGenerated?: (path: string, ms: number) => void } = {},
): Promise<OpenedWarehouse> {
  if (spec.kind === 'bigquery') {
    const location = spec.location ? { location: spec.location } : {};
    return {
      backend: createBigQueryBackend({
        bigquery: createBigQueryClient({
          projectId: spec.projectId,
          ...location,
          ...(spec.keyFile ? { keyFile: spec.keyFile } : {}),
        }),
        projectId: spec.projectId,
        ...location,
      }),
      label: `BigQuery project ${spec.projectId}`,
    };
  }
  if (spec.demo) {
    const started = Date.now();
    const { generated } = await ensureDemoDataset(spec.path);
    if (generated) options.onDemoGenerated?.(spec.path, Date.now() - started);
  }
  return { backend: await createDuckDbBackend({ path: spec.path }), label: `DuckDB ${spec.path}` };
}

/** What a scope may do, within the configured limits; never widened by a tool argument. */
export function warehousePolicy(
  scope: WarehouseScope,
  limits: Omit<WarehouseLimits, 'maxBytesBilled'>,
  labels: Record<string, string>,
): WarehousePolicy {
  return {
    allowedDatasets: scope.allowedDatasets,
    maxBytesBilled: scope.maxBytesBilled,
    maxRows: limits.maxResultRows,
    maxResultBytes: limits.maxResultBytes,
    timeoutMs: limits.queryTimeoutMs,
    labels,
  };
}
