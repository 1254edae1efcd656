/**
 * Reads a DuckDB database's catalogue once: schemas (our datasets), tables and views with
 * their comments, columns, exact row counts and the mean width of each column (for the
 * bytes estimate). The database is opened read-only and every write is refused, so the
 * catalogue cannot change while the backend is open: no TTL needed here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetInfo, GlossaryEntry, TableInfo } from '../warehouse-backend.ts';
import { fixedWidthBytes, STRING_OVERHEAD_BYTES, type DuckDbTableStats } from './bytes-estimate.ts';
import { isInternalSchema, readDatasetDescriptions, readGlossary } from './kotae-metadata.ts';
import { sqlIdentifier } from './sql-literals.ts';

export interface DuckDbCatalogue {
  database: string;
  datasets: DatasetInfo[];
  tables: Map<string, TableInfo[]>;
  /** Keyed by `dataset.table`; base tables only (views are expanded by the planner). */
  stats: Map<string, DuckDbTableStats>;
  glossary: GlossaryEntry[];
}

/** Rows sampled to measure string widths: enough for a stable mean, cheap on big tables. */
const WIDTH_SAMPLE_ROWS = 10_000;

export async function loadDuckDbCatalogue(connection: DuckDBConnection): Promise<DuckDbCatalogue> {
  const database = String((await connection.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0]);
  const relations = await connection.runAndReadAll(
    `SELECT schema_name, table_name, 'TABLE' AS kind, comment FROM duckdb_tables() WHERE database_name = $1
     UNION ALL
     SELECT schema_name, view_name, 'VIEW', comment FROM duckdb_views() WHERE database_name = $1 AND NOT internal
     ORDER BY 1, 2`,
    [database],
  );
  const columns = await connection.runAndReadAll(
    `SELECT schema_name, table_name, column_name, data_type, comment
     FROM duckdb_columns() WHERE database_name = $1 ORDER BY schema_name, table_name, column_index`,
    [database],
  );
  const columnsByTable = new Map<string, TableInfo['columns']>();
  for (const [schema, table, name, type, comment] of columns.getRows()) {
    const key = `${String(schema)}.${String(table)}`;
    const list = columnsByTable.get(key) ?? [];
    list.push({
      name: String(name),
      type: String(type),
      ...(comment ? { description: String(comment) } : {}),
    });
    columnsByTable.set(key, list);
  }

  const tables = new Map<string, TableInfo[]>();
  const stats = new Map<string, DuckDbTableStats>();
  for (const [schema, table, kind, comment] of relations.getRows()) {
    const dataset = String(schema);
    if (isInternalSchema(dataset)) continue;
    const key = `${dataset}.${String(table)}`;
    const info: TableInfo = {
      dataset,
      table: String(table),
      type: String(kind),
      columns: columnsByTable.get(key) ?? [],
      ...(comment ? { description: String(comment) } : {}),
    };
    if (info.type === 'TABLE') {
      const tableStats = await measureTable(connection, dataset, info);
      stats.set(key, tableStats);
      info.rowCount = tableStats.rowCount;
      info.sizeBytes = Math.round(
        [...tableStats.columnBytes.values()].reduce((sum, width) => sum + width, 0) * tableStats.rowCount,
      );
    }
    tables.set(dataset, [...(tables.get(dataset) ?? []), info]);
  }

  const descriptions = await readDatasetDescriptions(connection);
  const datasets = [...tables.keys()].sort().map((dataset) => {
    const description = descriptions.get(dataset);
    return description ? { dataset, description } : { dataset };
  });
  return { database, datasets, tables, stats, glossary: await readGlossary(connection) };
}

async function measureTable(
  connection: DuckDBConnection,
  dataset: string,
  info: TableInfo,
): Promise<DuckDbTableStats> {
  const name = `${sqlIdentifier(dataset)}.${sqlIdentifier(info.table)}`;
  const rowCount = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${name}`)).getRows()[0]?.[0]);
  const columnBytes = new Map<string, number>();
  const variable: string[] = [];
  for (const column of info.columns) {
    const width = fixedWidthBytes(column.type);
    if (width === null) variable.push(column.name);
    else columnBytes.set(column.name, width);
  }
  if (variable.length > 0) {
    // Strings (and nested values, as text) are measured; BLOBs by their byte length.
    const averages = variable.map((column) => {
      const type = info.columns.find((c) => c.name === column)?.type ?? '';
      const expression =
        type === 'BLOB'
          ? `octet_length(${sqlIdentifier(column)})`
          : `strlen(${sqlIdentifier(column)}::VARCHAR)`;
      return `coalesce(avg(${expression}), 0)`;
    });
    const reader = await connection.runAndReadAll(
      `SELECT ${averages.join(', ')} FROM (SELECT * FROM ${name} LIMIT ${WIDTH_SAMPLE_ROWS})`,
    );
    const row = reader.getRows()[0] ?? [];
    variable.forEach((column, index) =>
      columnBytes.set(column, STRING_OVERHEAD_BYTES + Number(row[index] ?? 0)),
    );
  }
  return { rowCount, columnBytes };
}
