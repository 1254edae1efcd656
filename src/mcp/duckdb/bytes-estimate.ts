/**
 * "Bytes processed" for DuckDB, which has no billing: an honest estimate in the spirit of
 * BigQuery's on-demand pricing. For every table the plan scans, count the full,
 * uncompressed size of each column it reads (projected or filtered on), over all rows,
 * whatever the filters: like BigQuery, pruning is not assumed. Fixed-width types count
 * their in-memory width; strings (and nested values, as text) their mean length measured
 * on a sample, plus a small header. Table functions count 8 bytes per estimated row.
 * It is an upper-bound-ish guide for the byte cap, not a measurement of disk reads.
 */
import type { PlanFunction, PlanScan } from './duckdb-plan.ts';

/** What the catalogue measured of one base table, for estimating the bytes a scan reads. */
export interface DuckDbTableStats {
  rowCount: number;
  /** Mean bytes per row of each column, uncompressed. */
  columnBytes: Map<string, number>;
}

/** Per-value header of a variable-length value (DuckDB's string_t is 16 bytes; count 4). */
export const STRING_OVERHEAD_BYTES = 4;

const FIXED_WIDTHS: Record<string, number> = {
  BOOLEAN: 1,
  TINYINT: 1,
  UTINYINT: 1,
  SMALLINT: 2,
  USMALLINT: 2,
  INTEGER: 4,
  UINTEGER: 4,
  DATE: 4,
  FLOAT: 4,
  BIGINT: 8,
  UBIGINT: 8,
  DOUBLE: 8,
  TIME: 8,
  TIMESTAMP: 8,
  'TIMESTAMP WITH TIME ZONE': 8,
  TIMESTAMP_S: 8,
  TIMESTAMP_MS: 8,
  TIMESTAMP_NS: 8,
  'TIME WITH TIME ZONE': 8,
  HUGEINT: 16,
  UHUGEINT: 16,
  UUID: 16,
  INTERVAL: 16,
};

/** Bytes per value of a fixed-width type, or null when the width varies (strings, lists, …). */
export function fixedWidthBytes(type: string): number | null {
  const fixed = FIXED_WIDTHS[type];
  if (fixed !== undefined) return fixed;
  const decimal = /^DECIMAL\((\d+),\s*\d+\)$/.exec(type);
  if (decimal) {
    const precision = Number(decimal[1]);
    return precision <= 4 ? 2 : precision <= 9 ? 4 : precision <= 18 ? 8 : 16;
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Columns a scan reads: its projections plus any column named in its filters. */
export function columnsRead(scan: PlanScan, stats: DuckDbTableStats): string[] {
  const read = new Set(scan.columns.map((column) => column.toLowerCase()));
  if (scan.filters) {
    for (const column of stats.columnBytes.keys()) {
      const pattern = new RegExp(`(^|[^\\w"])"?${escapeRegExp(column)}"?($|[^\\w"])`, 'i');
      if (pattern.test(scan.filters)) read.add(column.toLowerCase());
    }
  }
  return [...stats.columnBytes.keys()].filter((column) => read.has(column.toLowerCase()));
}

export function scanBytes(scan: PlanScan, stats: DuckDbTableStats): number {
  const perRow = columnsRead(scan, stats).reduce(
    (sum, column) => sum + (stats.columnBytes.get(column) ?? 0),
    0,
  );
  return Math.round(perRow * stats.rowCount);
}

export function functionBytes(fn: PlanFunction): number {
  return fn.estimatedRows * 8;
}
