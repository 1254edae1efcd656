/**
 * A fake BigQuery REST API (v2) on 127.0.0.1 for the real @google-cloud/bigquery client.
 * It implements the resources our backend uses, in their documented wire format:
 *   datasets.list/get, tables.list/get, tabledata.list,
 *   jobs.insert (query jobs, dry run or not), jobs.cancel, jobs.getQueryResults.
 * Dry runs answer statistics.query { statementType, totalBytesProcessed, referencedTables,
 * schema }. Real jobs honour configuration.query.maximumBytesBilled (bytesBilledLimitExceeded).
 * Every inserted job is recorded, so a test can prove no non-dry-run job ever reached it.
 * Requests without "Authorization: Bearer <token>" get 401, as from Google.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyStatement, namedTables, type FakeTableRef } from './fake-sql.ts';

export interface FakeField {
  name: string;
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  description?: string;
  fields?: FakeField[];
}

/** A cell as the REST API sends it: strings, null, `[{ v }]` for arrays, `{ f }` for records. */
export type WireValue = string | null | Array<{ v: WireValue }> | { f: Array<{ v: WireValue }> };

export interface FakeTable {
  id: string;
  type?: 'TABLE' | 'VIEW';
  description?: string;
  schema: FakeField[];
  rows?: WireValue[][];
  numBytes?: number;
  /** For views: the tables the view reads (what BigQuery's dry run reports). */
  reads?: FakeTableRef[];
}

export interface FakeDataset {
  id: string;
  projectId?: string;
  description?: string;
  location?: string;
  tables: FakeTable[];
}

/** Per exact SQL: what the dry run reports and what the job returns. */
export interface FakeQueryScript {
  sql: string;
  statementType?: string;
  totalBytesProcessed?: number;
  /** What the real job then processes, when it differs from the dry run's estimate. */
  jobBytesProcessed?: number;
  referencedTables?: FakeTableRef[];
  result?: { schema: FakeField[]; rows: WireValue[][] };
  /** getQueryResults answers jobComplete:false this many times first. */
  incompletePolls?: number;
  error?: { code: number; reason: string; message: string };
}

export interface RecordedJob {
  jobId: string | undefined;
  dryRun: boolean;
  query: string;
  configuration: Record<string, unknown>;
  cancelled: boolean;
}

export interface FakeBigQuery {
  url: string;
  token: string;
  jobs: RecordedJob[];
  requests: Array<{ method: string; path: string; query: Record<string, string> }>;
  close(): Promise<void>;
}

interface JobState {
  record: RecordedJob;
  resource: Record<string, unknown>;
  schema: FakeField[];
  rows: WireValue[][];
  bytes: number;
  pollsLeft: number;
  error?: { code: number; reason: string; message: string };
}

function errorBody(code: number, reason: string, message: string): Record<string, unknown> {
  const status = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
  }[code];
  return {
    error: { code, message, errors: [{ message, domain: 'global', reason }], status: status ?? 'UNKNOWN' },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeBigQuery(options: {
  projectId: string;
  datasets: FakeDataset[];
  scripts?: FakeQueryScript[];
  location?: string;
  token?: string;
}): Promise<FakeBigQuery> {
  const token = options.token ?? 'fake-access-token';
  const location = options.location ?? 'asia-northeast1';
  const jobs = new Map<string, JobState>();
  const recorded: RecordedJob[] = [];
  const requests: FakeBigQuery['requests'] = [];
  const scripts = new Map((options.scripts ?? []).map((script) => [script.sql, script]));

  const projectOf = (dataset: FakeDataset): string => dataset.projectId ?? options.projectId;
  const findDataset = (project: string, id: string): FakeDataset | undefined =>
    options.datasets.find((dataset) => projectOf(dataset) === project && dataset.id === id);
  const findTable = (ref: FakeTableRef): FakeTable | undefined =>
    findDataset(ref.projectId, ref.datasetId)?.tables.find((table) => table.id === ref.tableId);

  function tableResource(dataset: FakeDataset, table: FakeTable, full: boolean): Record<string, unknown> {
    const project = projectOf(dataset);
    const base = {
      kind: 'bigquery#table',
      id: `${project}:${dataset.id}.${table.id}`,
      tableReference: { projectId: project, datasetId: dataset.id, tableId: table.id },
      type: table.type ?? 'TABLE',
      creationTime: '1704067200000',
    };
    if (!full) return base;
    return {
      ...base,
      etag: `"${table.id}"`,
      ...(table.description ? { description: table.description } : {}),
      schema: { fields: table.schema },
      numRows: String(table.rows?.length ?? 0),
      numBytes: String(table.numBytes ?? 0),
      location: dataset.location ?? location,
      ...(table.type === 'VIEW' ? { view: { query: 'SELECT …', useLegacySql: false } } : {}),
    };
  }

  /** What BigQuery's dry run reports: base tables, through views. */
  function dryRunFacts(sql: string) {
    const script = scripts.get(sql);
    const statementType = script?.statementType ?? classifyStatement(sql);
    const named = namedTables(sql, options.projectId, 'reads').filter(
      (ref) => findDataset(ref.projectId, ref.datasetId) !== undefined || ref.projectId !== options.projectId,
    );
    const referenced: FakeTableRef[] = script?.referencedTables ?? [
      ...namedTables(sql, options.projectId, 'writes'),
    ];
    if (!script?.referencedTables) {
      for (const ref of named) {
        const table = findTable(ref);
        if (!table && ref.projectId === options.projectId) {
          return {
            error: {
              code: 404,
              reason: 'notFound',
              message: `Not found: Table ${ref.projectId}:${ref.datasetId}.${ref.tableId}`,
            },
          };
        }
        for (const base of table?.type === 'VIEW' ? [ref, ...(table.reads ?? [])] : [ref]) {
          if (
            !referenced.some(
              (r) =>
                r.datasetId === base.datasetId &&
                r.tableId === base.tableId &&
                r.projectId === base.projectId,
            )
          ) {
            referenced.push(base);
          }
        }
      }
    }
    const bytes =
      script?.totalBytesProcessed ??
      referenced.reduce(
        (sum, ref) => sum + (findTable(ref)?.type === 'VIEW' ? 0 : (findTable(ref)?.numBytes ?? 0)),
        0,
      );
    const firstTable = referenced.map(findTable).find((table) => table && table.type !== 'VIEW');
    const result =
      script?.result ??
      (firstTable
        ? { schema: firstTable.schema, rows: firstTable.rows ?? [] }
        : { schema: [{ name: 'f0_', type: 'INTEGER', mode: 'NULLABLE' as const }], rows: [['1']] });
    return { statementType, referenced, bytes, result, script };
  }

  function insertJob(body: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
    const configuration = (body['configuration'] ?? {}) as Record<string, unknown>;
    const query = (configuration['query'] ?? {}) as Record<string, unknown>;
    const reference = (body['jobReference'] ?? {}) as Record<string, unknown>;
    const sql = String(query['query'] ?? '');
    const dryRun = configuration['dryRun'] === true;
    const record: RecordedJob = {
      jobId: dryRun ? undefined : String(reference['jobId'] ?? randomUUID()),
      dryRun,
      query: sql,
      configuration,
      cancelled: false,
    };
    recorded.push(record);
    const facts = dryRunFacts(sql);
    if ('error' in facts && facts.error)
      return {
        status: facts.error.code,
        body: errorBody(facts.error.code, facts.error.reason, facts.error.message),
      };
    const { statementType, referenced, bytes, result, script } = facts as Exclude<
      typeof facts,
      { error: unknown }
    >;
    if (script?.error && dryRun)
      return {
        status: script.error.code,
        body: errorBody(script.error.code, script.error.reason, script.error.message),
      };
    const jobLocation = String(reference['location'] ?? location);
    const statistics = {
      creationTime: String(Date.now()),
      totalBytesProcessed: String(bytes),
      query: {
        totalBytesProcessed: String(bytes),
        totalBytesBilled: '0',
        cacheHit: false,
        statementType,
        ...(referenced.length > 0 ? { referencedTables: referenced } : {}),
        ...(statementType === 'SELECT' ? { schema: { fields: result.schema } } : {}),
        totalBytesProcessedAccuracy: 'PRECISE',
      },
    };
    const resource: Record<string, unknown> = {
      kind: 'bigquery#job',
      etag: `"${randomUUID()}"`,
      jobReference: dryRun
        ? { projectId: options.projectId, location: jobLocation }
        : { projectId: options.projectId, jobId: record.jobId, location: jobLocation },
      configuration: { ...configuration, jobType: 'QUERY' },
      statistics,
      status: { state: dryRun ? 'DONE' : 'RUNNING' },
      user_email: 'kotae@example.iam.gserviceaccount.com',
    };
    if (dryRun) return { status: 200, body: resource };
    const cap = query['maximumBytesBilled'] === undefined ? Infinity : Number(query['maximumBytesBilled']);
    const jobBytes = script?.jobBytesProcessed ?? bytes;
    let error = script?.error;
    if (!error && jobBytes > cap) {
      error = {
        code: 400,
        reason: 'bytesBilledLimitExceeded',
        message: `Query exceeded limit for bytes billed: ${cap}. ${jobBytes} or higher required.`,
      };
    }
    if (error) {
      resource['status'] = {
        state: 'DONE',
        errorResult: { reason: error.reason, message: error.message },
        errors: [{ reason: error.reason, message: error.message }],
      };
    }
    jobs.set(record.jobId!, {
      record,
      resource,
      schema: result.schema,
      rows: result.rows,
      bytes: jobBytes,
      pollsLeft: script?.incompletePolls ?? 0,
      ...(error ? { error } : {}),
    });
    return { status: 200, body: resource };
  }

  function queryResults(
    jobId: string,
    query: Record<string, string>,
  ): { status: number; body: Record<string, unknown> } {
    const job = jobs.get(jobId);
    if (!job)
      return {
        status: 404,
        body: errorBody(404, 'notFound', `Not found: Job ${options.projectId}:${jobId}`),
      };
    if (job.error)
      return { status: job.error.code, body: errorBody(job.error.code, job.error.reason, job.error.message) };
    const jobReference = job.resource['jobReference'];
    if (job.pollsLeft > 0) {
      job.pollsLeft -= 1;
      return {
        status: 200,
        body: { kind: 'bigquery#getQueryResultsResponse', etag: '"x"', jobReference, jobComplete: false },
      };
    }
    job.resource['status'] = { state: 'DONE' };
    const start = query['pageToken']
      ? Number(Buffer.from(query['pageToken'], 'base64url').toString('utf8'))
      : Number(query['startIndex'] ?? 0);
    const size = query['maxResults'] ? Number(query['maxResults']) : 100_000;
    const page = job.rows.slice(start, start + size);
    const next =
      start + size < job.rows.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
    return {
      status: 200,
      body: {
        kind: 'bigquery#getQueryResultsResponse',
        etag: '"x"',
        schema: { fields: job.schema },
        jobReference,
        totalRows: String(job.rows.length),
        ...(next ? { pageToken: next } : {}),
        rows: page.map((row) => ({ f: row.map((v) => ({ v })) })),
        totalBytesProcessed: String(job.bytes),
        jobComplete: true,
        cacheHit: false,
      },
    };
  }

  function paged<T>(items: T[], query: Record<string, string>): { page: T[]; next?: string } {
    const start = query['pageToken'] ? Number(query['pageToken']) : 0;
    const size = query['maxResults'] ? Number(query['maxResults']) : 50;
    const next = start + size < items.length ? String(start + size) : undefined;
    return { page: items.slice(start, start + size), ...(next ? { next } : {}) };
  }

  function route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: Record<string, unknown>,
  ): { status: number; body: Record<string, unknown> } {
    const parts = path
      .replace(/^\/bigquery\/v2\//, '')
      .split('/')
      .map(decodeURIComponent);
    if (parts[0] !== 'projects' || !parts[1])
      return { status: 404, body: errorBody(404, 'notFound', `No route ${path}`) };
    const project = parts[1];
    const [, , collection, id, sub, subId, leaf] = parts;
    if (collection === 'jobs' && method === 'POST' && id === undefined) return insertJob(body);
    if (collection === 'jobs' && id && sub === 'cancel' && method === 'POST') {
      const job = jobs.get(id);
      if (!job) return { status: 404, body: errorBody(404, 'notFound', `Not found: Job ${project}:${id}`) };
      job.record.cancelled = true;
      job.error = {
        code: 400,
        reason: 'stopped',
        message: 'Job execution was cancelled: User requested cancellation',
      };
      return { status: 200, body: { kind: 'bigquery#jobCancelResponse', job: job.resource } };
    }
    if (collection === 'queries' && id && method === 'GET') return queryResults(id, query);
    if (collection === 'datasets' && method === 'GET') {
      if (id === undefined) {
        const all = options.datasets.filter((dataset) => projectOf(dataset) === project);
        const { page, next } = paged(all, query);
        return {
          status: 200,
          body: {
            kind: 'bigquery#datasetList',
            etag: '"d"',
            datasets: page.map((dataset) => ({
              kind: 'bigquery#dataset',
              id: `${project}:${dataset.id}`,
              datasetReference: { projectId: project, datasetId: dataset.id },
              location: dataset.location ?? location,
            })),
            ...(next ? { nextPageToken: next } : {}),
          },
        };
      }
      const dataset = findDataset(project, id);
      if (!dataset)
        return { status: 404, body: errorBody(404, 'notFound', `Not found: Dataset ${project}:${id}`) };
      if (sub === undefined) {
        return {
          status: 200,
          body: {
            kind: 'bigquery#dataset',
            id: `${project}:${dataset.id}`,
            datasetReference: { projectId: project, datasetId: dataset.id },
            location: dataset.location ?? location,
            ...(dataset.description ? { description: dataset.description } : {}),
          },
        };
      }
      if (sub === 'tables' && subId === undefined) {
        const { page, next } = paged(dataset.tables, query);
        return {
          status: 200,
          body: {
            kind: 'bigquery#tableList',
            etag: '"t"',
            tables: page.map((table) => tableResource(dataset, table, false)),
            totalItems: dataset.tables.length,
            ...(next ? { nextPageToken: next } : {}),
          },
        };
      }
      const table = dataset.tables.find((t) => t.id === subId);
      if (sub === 'tables' && !table)
        return {
          status: 404,
          body: errorBody(404, 'notFound', `Not found: Table ${project}:${id}.${subId}`),
        };
      if (sub === 'tables' && table && leaf === undefined)
        return { status: 200, body: tableResource(dataset, table, true) };
      if (sub === 'tables' && table && leaf === 'data') {
        if (table.type === 'VIEW')
          return { status: 400, body: errorBody(400, 'invalid', 'Cannot list a table of type VIEW.') };
        const { page, next } = paged(table.rows ?? [], query);
        return {
          status: 200,
          body: {
            kind: 'bigquery#tableDataList',
            etag: '"r"',
            totalRows: String(table.rows?.length ?? 0),
            rows: page.map((row) => ({ f: row.map((v) => ({ v })) })),
            ...(next ? { pageToken: next } : {}),
          },
        };
      }
    }
    return { status: 404, body: errorBody(404, 'notFound', `No route ${method} ${path}`) };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams.entries());
      requests.push({ method: request.method ?? 'GET', path: url.pathname, query });
      let result: { status: number; body: Record<string, unknown> };
      if (request.headers.authorization !== `Bearer ${token}`) {
        result = {
          status: 401,
          body: errorBody(401, 'unauthorized', 'Request is missing required authentication credential.'),
        };
      } else {
        try {
          result = route(request.method ?? 'GET', url.pathname, query, await readJson(request));
        } catch (error) {
          result = { status: 500, body: errorBody(500, 'internalError', String(error)) };
        }
      }
      response.writeHead(result.status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(result.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    jobs: recorded,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
