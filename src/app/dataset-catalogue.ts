/**
 * The datasets the warehouse backend can read, for `/kotae map` to check names against.
 * One backend per project, opened on first use (the bot role may never need one).
 */
import type { Config } from '../config/config.ts';
import type { DatasetCatalogue } from '../bot/commands/admin-context.ts';
import { createBigQueryBackend } from '../mcp/bigquery/bigquery-backend.ts';
import { createBigQueryClient } from '../mcp/bigquery/bigquery-client.ts';
import { createDuckDbBackend } from '../mcp/duckdb/duckdb-backend.ts';
import type { WarehouseBackend } from '../mcp/warehouse-backend.ts';

export function createDatasetCatalogue(config: Config): DatasetCatalogue & { close(): Promise<void> } {
  const backends = new Map<string, Promise<WarehouseBackend>>();
  const warehouse = config.warehouse;

  function backendFor(projectId: string | null): Promise<WarehouseBackend> {
    const key = warehouse.kind === 'duckdb' ? 'duckdb' : (projectId ?? warehouse.projectId);
    let backend = backends.get(key);
    if (!backend) {
      backend =
        warehouse.kind === 'duckdb'
          ? createDuckDbBackend({ path: warehouse.path })
          : Promise.resolve(
              createBigQueryBackend({
                bigquery: createBigQueryClient({
                  projectId: key,
                  ...(warehouse.keyFile ? { keyFile: warehouse.keyFile } : {}),
                }),
                projectId: key,
              }),
            );
      backend.catch(() => backends.delete(key));
      backends.set(key, backend);
    }
    return backend;
  }

  return {
    async list(projectId) {
      const backend = await backendFor(projectId);
      return (await backend.listDatasets()).map((info) => info.dataset);
    },
    async close() {
      const opened = await Promise.allSettled([...backends.values()]);
      for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
      backends.clear();
    },
  };
}
