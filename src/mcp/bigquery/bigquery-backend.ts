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
 * The catalogue side lives in bigquery-catalogue.ts.
 */
import type { BigQuery, Job } from '@google-cloud/bigquery';
import { systemClock, type Clock } from '../../core/clock.ts';
import type {
  DryRunReport,
  ExecuteOptions,
  GlossaryEntry,
  QueryOutcome,
  TableInfo,
  TableRef,
  WarehouseBackend,
} from '../warehouse-backend.ts';
import { WarehouseQueryError } from '../warehouse-errors.ts';
import { createBigQueryCatalogue } from './bigquery-catalogue.ts';
import { lexicalFindings } from './bigquery-lexical.ts';
import { fieldTypeName, rowToJson, type BigQueryField, type BigQueryRow } from './bigquery-values.ts';
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

export function createBigQueryBackend(options: BigQueryBackendOptions): WarehouseBackend {
  const { bigquery, projectId, location } = options;
  const pageSize = options.pageSize ?? 1000;
  const catalogue = createBigQueryCatalogue({
    bigquery,
    projectId,
    ...(location ? { location } : {}),
    ttlMs: options.catalogueTtlMs ?? 10 * 60_000,
    clock: options.clock ?? systemClock,
  });

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
    const referenced = tableRefs(query.referencedTables);
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

  function tableRefs(tables: unknown): TableRef[] {
    return ((tables ?? []) as Array<{ projectId?: string; datasetId?: string; tableId?: string }>).map(
      (table) => ({
        project: table.projectId ?? projectId,
        dataset: table.datasetId ?? '',
        table: table.tableId ?? '',
      }),
    );
  }

  /** jobs.get once the job is done: statistics.query.referencedTables of the real run. */
  async function tablesRead(job: Job): Promise<TableRef[]> {
    const [metadata] = await job.getMetadata();
    return tableRefs(metadata?.statistics?.query?.referencedTables);
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
        referencedTables: await tablesRead(job),
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
    listDatasets: catalogue.listDatasets,
    listTables: async (dataset) =>
      (await catalogue.tables(dataset)).map(
        ({ columns: _columns, sizeBytes: _size, ...summary }: TableInfo) => summary,
      ),
    catalogue: catalogue.tables,
    describeTable: catalogue.describeTable,
    sampleRows: catalogue.sampleRows,
    glossary: async () => options.glossary ?? [],
    dryRun,
    execute,
    async close() {
      catalogue.clear();
    },
  };
}
