/**
 * Kotae's own metadata inside a DuckDB file, in the schema `_kotae`: dataset descriptions
 * (DuckDB has no COMMENT ON SCHEMA) and the business glossary. Any DuckDB file may carry
 * it; none needs to. Schemas whose names start with "_" are internal: never listed, never
 * queryable, whatever the allowlist says.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GlossaryEntry } from '../warehouse-backend.ts';

export const KOTAE_SCHEMA = '_kotae';

/** DuckDB's own schemas, and ours. */
const SYSTEM_SCHEMAS = new Set(['information_schema', 'pg_catalog']);

export function isInternalSchema(name: string): boolean {
  return name.startsWith('_') || SYSTEM_SCHEMAS.has(name);
}

async function hasTable(connection: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2`,
    [KOTAE_SCHEMA, table],
  );
  return Number(reader.getRows()[0]?.[0] ?? 0) > 0;
}

export async function readDatasetDescriptions(connection: DuckDBConnection): Promise<Map<string, string>> {
  if (!(await hasTable(connection, 'datasets'))) return new Map();
  const reader = await connection.runAndReadAll(`SELECT dataset, description FROM ${KOTAE_SCHEMA}.datasets`);
  return new Map(
    reader.getRows().map(([dataset, description]) => [String(dataset), String(description ?? '')]),
  );
}

export async function readGlossary(connection: DuckDBConnection): Promise<GlossaryEntry[]> {
  if (!(await hasTable(connection, 'glossary'))) return [];
  const reader = await connection.runAndReadAll(
    `SELECT entry, list(term ORDER BY term), any_value(targets), any_value(note)
     FROM ${KOTAE_SCHEMA}.glossary GROUP BY entry ORDER BY entry`,
  );
  return reader.getRowsJson().map(([, terms, targets, note]) => {
    const entry: GlossaryEntry = {
      terms: (terms as string[]).map(String),
      targets: String(targets).split(',').filter(Boolean),
    };
    if (typeof note === 'string' && note) entry.note = note;
    return entry;
  });
}
