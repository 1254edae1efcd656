/**
 * The BigQuery warehouse, through the official Node client (REST).
 *
 * API choices, from the client's source and the REST reference:
 *  - dry runs use jobs.insert with configuration.dryRun: only the Job resource carries
 *    statistics.query.statementType and referencedTables (jobs.query's response has neither);
 *  - queries use jobs.insert too, because the client sends anything with jobTimeoutMs that
 *    way (its jobs.query fast path refuses that option); then jobs.getQueryResults, page by
 *    page (maxResults, pageToken), until the row cap. skipParsing keeps the raw strings so
 *    bigquery-values.ts converts INT64/NUMERIC without passing through a float;
 *  - maximumBytesBilled makes BigQuery itself fail a job over the cap, whatever the dry run said;
 *  - referencedTables is incomplete past 50 tables, so such a query is refused as unverifiable.
 * The catalogue (datasets.get, tables.list + tables.get per table) is cached with a TTL.
 */
import type { BigQuery, Job, Table } from '@google-cloud/bigquery';
import { systemClock, type Clock } from '../../core/clock.ts';
import { createTtlCache } from '../ttl-cache.ts';
import type {
  DatasetInfo,
  DryRunReport,
  ExecuteOptions,
  GlossaryEntry,
  QueryOutcome,
  SampleRows,
  TableInfo,
  TableRef,
  WarehouseBackend,
} from '../warehouse-backend.ts';
import { WarehouseQueryError } from '../warehouse-errors.ts';
import { lexicalFindings } from './bigquery-lexical.ts';
import {
  fieldTypeName,
  flattenFields,
  rowToJson,
  type BigQueryField,
  type BigQueryRow,
} from './bigquery-values.ts';
import { sanitizeLabels } from './job-labels.ts';

export interface BigQueryBackendOptions {
  bigquery: BigQuery;
  projectId: string;
  /** Where jobs run, e.g. "asia-northeast1" or "US". */
  location?: string;
  glossary?: GlossaryEntry[];
  catalogueTtlMs?: number;
  /** Rows asked for per getQueryResults page. */
  pageSize?: number;
  clock?: Clock;
}

/** BigQuery lists at most 50 referenced tables ("will not have a complete list" beyond). */
const REFERENCED_TABLES_LIMIT = 50;
const METADATA_CONCURRENCY = 8;

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

/**
 * One jobs.getQueryResults call. With timeoutMs set, the client reports "still running"
 * (jobComplete: false) as an error but still hands over the response; that is not a
 * failure here, just another turn of the polling loop.
 */
function fetchPage(
  job: Job,
  options: Record<string, unknown>,
): Promise<{ rows: BigQueryRow[]; response: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    job.getQueryResults(options, (error, rows, _next, response) => {
      const body = (response ?? {}) as Record<string, unknown>;
      if (error && body['jobComplete'] !== false) reject(error);
      else resolve({ rows: (rows ?? []) as BigQueryRow[], response: body });
    });
  });
}

function apiMessage(error: unknown): string {
  const apiError = error as { message?: string; errors?: Array<{ message?: string; reason?: string }> };
  const reason = apiError.errors?.[0]?.reason;
  return `${apiError.message ?? String(error)}${reason ? ` (${reason})` : ''}`;
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

export function createBigQueryBackend(options: BigQueryBackendOptions): WarehouseBackend {
  const { bigquery, projectId, location } = options;
  const clock = options.clock ?? systemClock;
  const ttl = options.catalogueTtlMs ?? 10 * 60_000;
  const pageSize = options.pageSize ?? 1000;

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

  async function describeTable(ref: TableRef): Promise<TableInfo | null> {
    const dataset = ref.project && ref.project !== projectId ? `${ref.project}.${ref.dataset}` : ref.dataset;
    try {
      const tables = await tablesCache.get(dataset);
      return tables.find((info) => info.table === ref.table) ?? null;
    } catch (error) {
      if ((error as { code?: number }).code === 404) return null;
      throw error;
    }
  }

  async function dryRun(sql: string, labels: Record<string, string>): Promise<DryRunReport> {
    const lexical = lexicalFindings(sql);
    let job: Job;
    try {
      [job] = await bigquery.createQueryJob({
        query: sql,
        dryRun: true,
        useLegacySql: false,
        labels: sanitizeLabels(labels),
        ...(location ? { location } : {}),
      });
    } catch (error) {
      throw new WarehouseQueryError('failed', apiMessage(error), { cause: error });
    }
    const statistics = job.metadata?.statistics ?? {};
    const query = statistics.query ?? {};
    const referenced: TableRef[] = (
      (query.referencedTables ?? []) as Array<{ projectId?: string; datasetId?: string; tableId?: string }>
    ).map((table) => ({
      project: table.projectId ?? projectId,
      dataset: table.datasetId ?? '',
      table: table.tableId ?? '',
    }));
    for (const schemaDataset of lexical.informationSchemaDatasets) {
      referenced.push({
        project: schemaDataset.project ?? projectId,
        dataset: schemaDataset.dataset,
        table: 'INFORMATION_SCHEMA',
      });
    }
    const report: DryRunReport = {
      statementType: query.statementType ?? 'UNKNOWN',
      bytesProcessed: Number(query.totalBytesProcessed ?? statistics.totalBytesProcessed ?? 0),
      referencedTables: referenced,
    };
    if (lexical.refusal) report.refusal = lexical.refusal;
    else if ((query.referencedTables?.length ?? 0) >= REFERENCED_TABLES_LIMIT) {
      report.refusal = `The query reads ${REFERENCED_TABLES_LIMIT} or more tables, too many to verify.`;
    }
    return report;
  }

  async function execute(sql: string, run: ExecuteOptions): Promise<QueryOutcome> {
    const deadline = Date.now() + run.timeoutMs;
    let job: Job;
    try {
      [job] = await bigquery.createQueryJob({
        query: sql,
        useLegacySql: false,
        labels: sanitizeLabels(run.labels),
        maximumBytesBilled: String(Math.floor(run.maxBytesBilled)),
        jobTimeoutMs: run.timeoutMs,
        jobPrefix: 'kotae_',
        ...(location ? { location } : {}),
      });
    } catch (error) {
      throw new WarehouseQueryError('failed', apiMessage(error), { cause: error });
    }
    const jobId = job.id ?? '';
    try {
      let schema: BigQueryField[] = [];
      let totalRows = 0;
      let bytes: number | undefined;
      const rows: unknown[][] = [];
      let pageToken: string | undefined;
      for (;;) {
        if (run.signal?.aborted || Date.now() > deadline) {
          await job.cancel().catch(() => undefined);
          throw new WarehouseQueryError('timeout', `The query was stopped after ${run.timeoutMs} ms.`, {
            jobId,
          });
        }
        const { rows: page, response } = await fetchPage(job, {
          autoPaginate: false,
          skipParsing: true,
          maxResults: Math.min(pageSize, Math.max(1, run.maxRows - rows.length)),
          timeoutMs: Math.max(1, Math.min(10_000, deadline - Date.now())),
          ...(pageToken ? { pageToken } : {}),
        });
        const body = response as {
          jobComplete?: boolean;
          schema?: { fields?: BigQueryField[] };
          totalRows?: string;
          totalBytesProcessed?: string;
          pageToken?: string;
        };
        if (body.jobComplete === false) continue;
        schema = body.schema?.fields ?? schema;
        totalRows = Number(body.totalRows ?? totalRows);
        if (body.totalBytesProcessed !== undefined) bytes = Number(body.totalBytesProcessed);
        for (const row of page) {
          if (rows.length < run.maxRows) rows.push(rowToJson(schema, row));
        }
        pageToken = body.pageToken;
        if (!pageToken || rows.length >= run.maxRows) break;
      }
      return {
        columns: schema.map((field) => ({ name: field.name ?? '', type: fieldTypeName(field) })),
        rows,
        totalRows,
        jobId,
        ...(bytes !== undefined ? { bytesProcessed: bytes } : {}),
      };
    } catch (error) {
      if (error instanceof WarehouseQueryError) throw error;
      throw new WarehouseQueryError('failed', apiMessage(error), { cause: error, jobId });
    }
  }

  return {
    kind: 'bigquery',
    dialect: 'GoogleSQL (BigQuery standard SQL)',
    projectId,
    listDatasets: () => datasetsCache.get(''),
    async listTables(dataset) {
      const tables = await tablesCache.get(dataset).catch((error: { code?: number }) => {
        if (error.code === 404) return [];
        throw error;
      });
      return tables.map(({ columns: _columns, sizeBytes: _size, ...summary }) => summary);
    },
    catalogue: (dataset) =>
      tablesCache.get(dataset).catch((error: { code?: number }) => {
        if (error.code === 404) return [];
        throw error;
      }),
    describeTable,
    async sampleRows(ref, limit): Promise<SampleRows> {
      const dataset = datasetHandle(
        ref.project && ref.project !== projectId ? `${ref.project}.${ref.dataset}` : ref.dataset,
      );
      const table = dataset.table(ref.table);
      const [metadata] = await table.getMetadata();
      const fields = ((metadata as { schema?: { fields?: BigQueryField[] } }).schema?.fields ??
        []) as BigQueryField[];
      // tabledata.list: free, reads no bytes, and does not run a query.
      const [rows] = await table.getRows({ maxResults: limit, autoPaginate: false, skipParsing: true });
      return {
        columns: fields.map((field) => ({ name: field.name ?? '', type: fieldTypeName(field) })),
        rows: ((rows ?? []) as BigQueryRow[]).slice(0, limit).map((row) => rowToJson(fields, row)),
      };
    },
    glossary: async () => options.glossary ?? [],
    dryRun,
    execute,
    async close() {
      datasetsCache.clear();
      tablesCache.clear();
    },
  };
}
