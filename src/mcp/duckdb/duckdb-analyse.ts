/**
 * DuckDB's answer to a BigQuery dry run, from the engine itself rather than keywords:
 *  1. the parser splits the text into statements (exactly one allowed);
 *  2. the parser's AST (json_serialize_sql, SELECT statements only) names the tables and
 *     table functions written in the query, and DESCRIBE/SHOW/SUMMARIZE (SHOW_REF);
 *  3. the prepared statement gives the statement type (PRAGMA, COPY, ATTACH, … are not SELECT);
 *  4. the physical plan (EXPLAIN) names the base tables really scanned, through views,
 *     and the table functions run, which feeds the bytes estimate.
 * Nothing here executes the query. DuckDB raises "Permission Error" at bind time for
 * anything touching files (COPY TO, read_csv, EXPORT DATABASE) because the instance runs
 * with enable_external_access=false; that is reported as a refusal.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { DryRunReport, TableRef } from '../warehouse-backend.ts';
import { WarehouseQueryError } from '../warehouse-errors.ts';
import { functionBytes, scanBytes } from './bytes-estimate.ts';
import type { DuckDbCatalogue } from './duckdb-catalogue.ts';
import { readPlan } from './duckdb-plan.ts';
import { isInternalSchema } from './kotae-metadata.ts';

/** Table functions that compute rows and read nothing (AST names, lower case). */
const SAFE_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest', 'json_each', 'json_tree']);

interface AstFacts {
  baseTables: Array<{ catalog: string; schema: string; table: string }>;
  cteNames: Set<string>;
  tableFunctions: string[];
  showRefs: number;
}

function walkAst(node: unknown, facts: AstFacts): void {
  if (Array.isArray(node)) {
    for (const item of node) walkAst(item, facts);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record['type'] === 'BASE_TABLE' && typeof record['table_name'] === 'string') {
    facts.baseTables.push({
      catalog: String(record['catalog_name'] ?? ''),
      schema: String(record['schema_name'] ?? ''),
      table: record['table_name'],
    });
  }
  if (record['type'] === 'SHOW_REF') facts.showRefs += 1;
  if (record['type'] === 'TABLE_FUNCTION') {
    const fn = record['function'] as Record<string, unknown> | undefined;
    facts.tableFunctions.push(String(fn?.['function_name'] ?? '?').toLowerCase());
  }
  // CTE definitions: cte_map.map = [{ key: name, value: {...} }]
  const cteMap = record['cte_map'] as { map?: Array<{ key?: unknown }> } | undefined;
  for (const entry of cteMap?.map ?? []) if (typeof entry.key === 'string') facts.cteNames.add(entry.key);
  for (const value of Object.values(record)) walkAst(value, facts);
}

function refused(statementType: string, refusal: string): DryRunReport {
  return { statementType, bytesProcessed: 0, referencedTables: [], refusal };
}

function statementTypeName(type: StatementType): string {
  return StatementType[type] ?? 'UNKNOWN';
}

function isPermissionError(error: unknown): boolean {
  return error instanceof Error && /^Permission Error/.test(error.message);
}

/** Engine messages start "Parser Error: …", "Binder Error: …": pass them to the model. */
function engineError(error: unknown): WarehouseQueryError {
  const message = error instanceof Error ? error.message : String(error);
  return new WarehouseQueryError('failed', message, { cause: error });
}

export async function analyseDuckDbQuery(
  connection: DuckDBConnection,
  sql: string,
  catalogue: DuckDbCatalogue,
): Promise<DryRunReport> {
  let extracted;
  try {
    extracted = await connection.extractStatements(sql);
  } catch (error) {
    throw engineError(error);
  }
  if (extracted.count === 0) return refused('EMPTY', 'The query is empty.');
  if (extracted.count > 1) {
    return refused(
      'MULTI',
      `The text holds ${extracted.count} statements (a PIVOT without an IN list also expands to several). Send exactly one SELECT.`,
    );
  }

  const ast: AstFacts = { baseTables: [], cteNames: new Set(), tableFunctions: [], showRefs: 0 };
  const serialised = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const parsed = JSON.parse(String(serialised.getRows()[0]?.[0])) as {
    error?: boolean;
    statements?: unknown[];
  };
  if (!parsed.error) {
    if ((parsed.statements?.length ?? 0) !== 1) return refused('MULTI', 'Send exactly one SELECT statement.');
    walkAst(parsed.statements, ast);
  }

  // A file path or URL used as a table ('data.csv', 's3://…') is a replacement scan: a file read.
  const fileLike = ast.baseTables.find(
    (ref) =>
      !ref.schema &&
      /[/\\:]|\.(csv|tsv|parquet|json|jsonl|ndjson|txt|gz|zst|xlsx|db|duckdb)$/i.test(ref.table),
  );
  if (fileLike) return refused('SELECT', `"${fileLike.table}" is a file, not a table; files cannot be read.`);

  let statementType: string;
  try {
    const prepared = await extracted.prepare(0);
    statementType = statementTypeName(prepared.statementType);
    prepared.destroySync();
  } catch (error) {
    if (isPermissionError(error))
      return refused('UNKNOWN', `The query touches files or the network (${firstLine(error)}).`);
    throw engineError(error);
  }
  if (statementType !== 'SELECT') return refused(statementType, `The statement type is ${statementType}.`);
  if (ast.showRefs > 0) {
    return refused(
      'SELECT',
      'DESCRIBE, SHOW and SUMMARIZE are not available here; use the describe_table tool.',
    );
  }
  const unsafe = ast.tableFunctions.filter((name) => !SAFE_TABLE_FUNCTIONS.has(name));
  if (unsafe.length > 0) {
    return refused(
      'SELECT',
      `Table function ${unsafe.join(', ')} is not allowed; query the tables of the allowed datasets.`,
    );
  }

  let planJson: string;
  try {
    const explained = await connection.runAndReadAll(`EXPLAIN (FORMAT JSON) ${sql}`);
    planJson = String(explained.getRows()[0]?.[1] ?? '[]');
  } catch (error) {
    if (isPermissionError(error))
      return refused('SELECT', `The query touches files or the network (${firstLine(error)}).`);
    return refused('SELECT', `The query cannot be planned, so it cannot be checked (${firstLine(error)}).`);
  }
  const plan = readPlan(planJson);
  const badFunctions = plan.functions.filter((fn) => !SAFE_TABLE_FUNCTIONS.has(fn.name.toLowerCase()));
  if (badFunctions.length > 0) {
    return refused(
      'SELECT',
      `Table function ${badFunctions.map((fn) => fn.name).join(', ')} is not allowed.`,
    );
  }

  const referenced = new Map<string, TableRef>();
  const add = (dataset: string, table: string): void => {
    referenced.set(`${dataset}.${table}`, { dataset, table });
  };
  for (const ref of ast.baseTables) {
    if (ref.catalog && ref.catalog !== catalogue.database) {
      return refused('SELECT', `Only the warehouse database can be queried, not "${ref.catalog}".`);
    }
    if (ref.schema) add(ref.schema, ref.table);
    else if (!ast.cteNames.has(ref.table) && hasTable(catalogue, 'main', ref.table)) add('main', ref.table);
  }
  let bytes = 0;
  const prefix = `${catalogue.database}.`;
  for (const scan of plan.scans) {
    if (!scan.table.startsWith(prefix)) {
      return refused('SELECT', `The query reads ${scan.table}, outside the warehouse database.`);
    }
    const [dataset, table] = splitSchemaTable(scan.table.slice(prefix.length), catalogue);
    add(dataset, table);
    const stats = catalogue.stats.get(`${dataset}.${table}`);
    if (stats) bytes += scanBytes(scan, stats);
  }
  for (const fn of plan.functions) bytes += functionBytes(fn);

  const internal = [...referenced.values()].find((ref) => isInternalSchema(ref.dataset));
  if (internal) return refused('SELECT', `${internal.dataset} is internal and cannot be queried.`);
  return { statementType, bytesProcessed: bytes, referencedTables: [...referenced.values()] };
}

function hasTable(catalogue: DuckDbCatalogue, dataset: string, table: string): boolean {
  return (catalogue.tables.get(dataset) ?? []).some((info) => info.table === table);
}

/** "schema.table" where either part may itself contain dots: match a known schema first. */
function splitSchemaTable(name: string, catalogue: DuckDbCatalogue): [string, string] {
  const schemas = [...catalogue.tables.keys()].sort((a, b) => b.length - a.length);
  for (const schema of schemas)
    if (name.startsWith(`${schema}.`)) return [schema, name.slice(schema.length + 1)];
  const dot = name.indexOf('.');
  return dot < 0 ? ['main', name] : [name.slice(0, dot), name.slice(dot + 1)];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(error: unknown): string {
  return errorText(error).split('\n')[0]!.trim();
}
