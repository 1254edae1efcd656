/**
 * The fake BigQuery's data: projects, datasets, tables and rows in REST wire format, and the
 * catalogue resources (datasets.list/get, tables.list/get, tabledata.list) built from them.
 */
import type { FakeTableRef } from './fake-sql.ts';

export type { FakeTableRef } from './fake-sql.ts';

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
  /** What the real job then reads, when it differs (a view redefined after the dry run). */
  jobReferencedTables?: FakeTableRef[];
  result?: { schema: FakeField[]; rows: WireValue[][] };
  /** getQueryResults answers jobComplete:false this many times first. */
  incompletePolls?: number;
  error?: { code: number; reason: string; message: string };
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export function errorBody(code: number, reason: string, message: string): Record<string, unknown> {
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

export function paged<T>(items: T[], query: Record<string, string>): { page: T[]; next?: string } {
  const start = query['pageToken'] ? Number(query['pageToken']) : 0;
  const size = query['maxResults'] ? Number(query['maxResults']) : 50;
  const next = start + size < items.length ? String(start + size) : undefined;
  return { page: items.slice(start, start + size), ...(next ? { next } : {}) };
}

export interface FakeEstate {
  projectId: string;
  location: string;
  datasets: FakeDataset[];
  findDataset(project: string, id: string): FakeDataset | undefined;
  findTable(ref: FakeTableRef): FakeTable | undefined;
}

export function createEstate(projectId: string, location: string, datasets: FakeDataset[]): FakeEstate {
  const projectOf = (dataset: FakeDataset): string => dataset.projectId ?? projectId;
  const findDataset = (project: string, id: string): FakeDataset | undefined =>
    datasets.find((dataset) => projectOf(dataset) === project && dataset.id === id);
  return {
    projectId,
    location,
    datasets,
    findDataset,
    findTable: (ref) =>
      findDataset(ref.projectId, ref.datasetId)?.tables.find((table) => table.id === ref.tableId),
  };
}

function tableResource(
  estate: FakeEstate,
  dataset: FakeDataset,
  table: FakeTable,
  full: boolean,
): Record<string, unknown> {
  const project = dataset.projectId ?? estate.projectId;
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
    location: dataset.location ?? estate.location,
    ...(table.type === 'VIEW' ? { view: { query: 'SELECT …', useLegacySql: false } } : {}),
  };
}

/** GET /projects/{project}/datasets[/{dataset}[/tables[/{table}[/data]]]]; null when no route matches. */
export function catalogueRoute(
  estate: FakeEstate,
  project: string,
  path: { id?: string; sub?: string; subId?: string; leaf?: string },
  query: Record<string, string>,
): Reply | null {
  const { id, sub, subId, leaf } = path;
  const location = estate.location;

  if (id === undefined) {
    const all = estate.datasets.filter((dataset) => (dataset.projectId ?? estate.projectId) === project);
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
  const dataset = estate.findDataset(project, id);
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
        tables: page.map((table) => tableResource(estate, dataset, table, false)),
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
    return { status: 200, body: tableResource(estate, dataset, table, true) };
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
  return null;
}
