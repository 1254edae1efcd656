/**
 * The BigQuery catalogue for search and describe_table, cached per dataset with a TTL:
 * datasets.list + datasets.get (descriptions live only on the dataset resource),
 * tables.list + tables.get per table (tables.list carries no schema or description),
 * tabledata.list for sample rows (free: no query, no bytes billed).
 */
import type { BigQuery, Table } from '@google-cloud/bigquery';
import type { Clock } from '../../core/clock.ts';
import { createTtlCache } from '../ttl-cache.ts';
import type { DatasetInfo, SampleRows, TableInfo, TableRef } from '../warehouse-backend.ts';
import {
  fieldTypeName,
  flattenFields,
  rowToJson,
  type BigQueryField,
  type BigQueryRow,
} from './bigquery-values.ts';

const METADATA_CONCURRENCY = 8;

export interface BigQueryCatalogue {
  listDatasets(): Promise<DatasetInfo[]>;
  /** Every table of a dataset ("dataset" or "project.dataset") with columns; [] when it does not exist. */
  tables(dataset: string): Promise<TableInfo[]>;
  describeTable(ref: TableRef): Promise<TableInfo | null>;
  sampleRows(ref: TableRef, limit: number): Promise<SampleRows>;
  clear(): void;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

function splitDataset(dataset: string, defaultProject: string): { project: string; dataset: string } {
  const dot = dataset.indexOf('.');
  return dot < 0
    ? { project: defaultProject, dataset }
    : { project: dataset.slice(0, dot), dataset: dataset.slice(dot + 1) };
}

function toTableInfo(dataset: string, metadata: Record<string, unknown>): TableInfo {
  const reference = metadata['tableReference'] as { tableId?: string } | undefined;
  const schema = (metadata['schema'] as { fields?: BigQueryField[] } | undefined)?.fields ?? [];
  const info: TableInfo = {
    dataset,
    table: reference?.tableId ?? '',
    type: String(metadata['type'] ?? 'TABLE'),
    columns: flattenFields(schema),
  };
  if (typeof metadata['description'] === 'string' && metadata['description'])
    info.description = metadata['description'];
  if (metadata['numRows'] !== undefined) info.rowCount = Number(metadata['numRows']);
  if (metadata['numBytes'] !== undefined) info.sizeBytes = Number(metadata['numBytes']);
  return info;
}

export function createBigQueryCatalogue(options: {
  bigquery: BigQuery;
  projectId: string;
  location?: string;
  ttlMs: number;
  clock: Clock;
}): BigQueryCatalogue {
  const { bigquery, projectId, location, clock } = options;
  const ttl = options.ttlMs;
  const datasetHandle = (dataset: string) => {
    const parts = splitDataset(dataset, projectId);
    return bigquery.dataset(parts.dataset, { projectId: parts.project, ...(location ? { location } : {}) });
  };

  const datasetsCache = createTtlCache<DatasetInfo[]>(
    async () => {
      const [datasets] = await bigquery.getDatasets({ autoPaginate: true });
      return mapLimited(datasets, METADATA_CONCURRENCY, async (dataset) => {
        const [metadata] = await dataset.getMetadata();
        const info: DatasetInfo = { dataset: dataset.id ?? '' };
        if (metadata.description) info.description = metadata.description;
        if (metadata.location) info.location = metadata.location;
        return info;
      });
    },
    ttl,
    clock,
  );

  const tablesCache = createTtlCache<TableInfo[]>(
    async (dataset) => {
      const [tables] = await datasetHandle(dataset).getTables({ autoPaginate: true });
      return mapLimited(tables, METADATA_CONCURRENCY, async (table: Table) => {
        const [metadata] = await table.getMetadata();
        return toTableInfo(dataset, metadata as Record<string, unknown>);
      });
    },
    ttl,
    clock,
  );

  const datasetOf = (ref: TableRef): string =>
    ref.project && ref.project !== projectId ? `${ref.project}.${ref.dataset}` : ref.dataset;
  const tables = (dataset: string): Promise<TableInfo[]> =>
    tablesCache.get(dataset).catch((error: { code?: number }) => {
      if (error.code === 404) return [];
      throw error;
    });

  return {
    listDatasets: () => datasetsCache.get(''),
    tables,
    async describeTable(ref) {
      return (await tables(datasetOf(ref))).find((info) => info.table === ref.table) ?? null;
    },
    async sampleRows(ref, limit) {
      const table = datasetHandle(datasetOf(ref)).table(ref.table);
      const [metadata] = await table.getMetadata();
      const fields = ((metadata as { schema?: { fields?: BigQueryField[] } }).schema?.fields ??
        []) as BigQueryField[];
      const [rows] = await table.getRows({ maxResults: limit, autoPaginate: false, skipParsing: true });
      return {
        columns: fields.map((field) => ({ name: field.name ?? '', type: fieldTypeName(field) })),
        rows: ((rows ?? []) as BigQueryRow[]).slice(0, limit).map((row) => rowToJson(fields, row)),
      };
    },
    clear() {
      datasetsCache.clear();
      tablesCache.clear();
    },
  };
}
