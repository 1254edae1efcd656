/**
 * The fake BigQuery's query jobs: jobs.insert (dry run or not), jobs.get, jobs.getQueryResults
 * with paging, jobs.cancel. A dry run answers statistics.query { statementType,
 * totalBytesProcessed, referencedTables, schema }; a real job honours
 * configuration.query.maximumBytesBilled (bytesBilledLimitExceeded), as BigQuery does.
 */
import { randomUUID } from 'node:crypto';
import {
  errorBody,
  type FakeEstate,
  type FakeField,
  type FakeQueryScript,
  type Reply,
  type WireValue,
} from './fake-estate.ts';
import { classifyStatement, namedTables, type FakeTableRef } from './fake-sql.ts';

export interface RecordedJob {
  jobId: string | undefined;
  dryRun: boolean;
  query: string;
  configuration: Record<string, unknown>;
  cancelled: boolean;
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

export interface FakeJobs {
  recorded: RecordedJob[];
  insert(body: Record<string, unknown>): Reply;
  results(jobId: string, query: Record<string, string>): Reply;
  get(jobId: string): Reply;
  cancel(jobId: string): Reply;
}

export function createJobs(estate: FakeEstate, scriptList: FakeQueryScript[]): FakeJobs {
  const jobs = new Map<string, JobState>();
  const recorded: RecordedJob[] = [];
  const scripts = new Map(scriptList.map((script) => [script.sql, script]));
  const { findDataset, findTable } = estate;
  const projectId = estate.projectId;
  const location = estate.location;

  /** What BigQuery's dry run reports: base tables, through views. */
  function dryRunFacts(sql: string) {
    const script = scripts.get(sql);
    const statementType = script?.statementType ?? classifyStatement(sql);
    const named = namedTables(sql, projectId, 'reads').filter(
      (ref) => findDataset(ref.projectId, ref.datasetId) !== undefined || ref.projectId !== projectId,
    );
    const referenced: FakeTableRef[] = script?.referencedTables ?? [...namedTables(sql, projectId, 'writes')];
    if (!script?.referencedTables) {
      for (const ref of named) {
        const table = findTable(ref);
        if (!table && ref.projectId === projectId) {
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

  function insert(body: Record<string, unknown>): Reply {
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
        ? { projectId: projectId, location: jobLocation }
        : { projectId: projectId, jobId: record.jobId, location: jobLocation },
      configuration: { ...configuration, jobType: 'QUERY' },
      statistics,
      status: { state: dryRun ? 'DONE' : 'RUNNING' },
      user_email: 'kotae@example.iam.gserviceaccount.com',
    };
    if (dryRun) return { status: 200, body: resource };
    if (script?.jobReferencedTables) {
      (statistics.query as Record<string, unknown>)['referencedTables'] = script.jobReferencedTables;
    }
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

  function results(jobId: string, query: Record<string, string>): Reply {
    const job = jobs.get(jobId);
    if (!job)
      return {
        status: 404,
        body: errorBody(404, 'notFound', `Not found: Job ${projectId}:${jobId}`),
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

  /** jobs.get: the Job resource, with the statistics of what the job really read. */
  function get(id: string): Reply {
    const job = jobs.get(id);
    if (!job)
      return { status: 404, body: errorBody(404, 'notFound', `Not found: Job ${estate.projectId}:${id}`) };
    return { status: 200, body: job.resource };
  }

  function cancel(id: string): Reply {
    const job = jobs.get(id);
    if (!job)
      return { status: 404, body: errorBody(404, 'notFound', `Not found: Job ${estate.projectId}:${id}`) };
    job.record.cancelled = true;
    job.error = {
      code: 400,
      reason: 'stopped',
      message: 'Job execution was cancelled: User requested cancellation',
    };
    return { status: 200, body: { kind: 'bigquery#jobCancelResponse', job: job.resource } };
  }

  return { recorded, insert, results, get, cancel };
}
