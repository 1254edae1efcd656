/**
 * Reads the warehouse tools' results (the MCP contract in DESIGN.md): `execute_query`
 * returns columns, rows, total_rows, truncated, bytes_processed and job_id; `dry_run`
 * returns statement_type, bytes_processed and referenced_tables. The structured result
 * comes in `ToolResult.data` (MCP structuredContent) or, failing that, as JSON text.
 * Rows may be arrays (in column order) or objects keyed by column name.
 */
import type { ToolResult } from '../core/ports/tool-provider.ts';
import type { CellValue, TableColumn } from '../core/reply.ts';

export interface QueryResult {
  sql: string;
  columns: TableColumn[];
  rows: CellValue[][];
  totalRows: number;
  truncated: boolean;
  bytesProcessed: number;
  jobId?: string;
}

export function structuredOf(result: ToolResult): Record<string, unknown> | null {
  if (isRecord(result.data)) return result.data;
  try {
    const parsed: unknown = JSON.parse(result.content);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function parseQueryResult(sql: string, result: ToolResult): QueryResult | null {
  const data = structuredOf(result);
  if (!data || !Array.isArray(data['columns']) || !Array.isArray(data['rows'])) return null;
  const columns: TableColumn[] = data['columns'].map((column: unknown) =>
    typeof column === 'string'
      ? { name: column, type: 'STRING' }
      : isRecord(column)
        ? { name: String(column['name'] ?? ''), type: String(column['type'] ?? 'STRING').toUpperCase() }
        : { name: String(column), type: 'STRING' },
  );
  const rows: CellValue[][] = data['rows'].map((row: unknown) =>
    Array.isArray(row)
      ? row.map(toCell)
      : isRecord(row)
        ? columns.map((column) => toCell(row[column.name]))
        : [toCell(row)],
  );
  const totalRows = toNumber(data['total_rows']) ?? rows.length;
  const jobId = typeof data['job_id'] === 'string' ? data['job_id'] : undefined;
  return {
    sql,
    columns,
    rows,
    totalRows,
    truncated: data['truncated'] === true || totalRows > rows.length,
    bytesProcessed: toNumber(data['bytes_processed']) ?? 0,
    ...(jobId ? { jobId } : {}),
  };
}

export function bytesOf(result: ToolResult): number | null {
  const data = structuredOf(result);
  return data ? toNumber(data['bytes_processed']) : null;
}

export function rowsAsObjects(result: Pick<QueryResult, 'columns' | 'rows'>): Record<string, CellValue>[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((column, index) => [column.name, row[index] ?? null])),
  );
}

/** Warehouse values as table cells: BigQuery sends INT64 and NUMERIC as strings, DuckDB as BigInt. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
