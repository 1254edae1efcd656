/**
 * The result byte cap: keep whole rows, in order, while their serialised size fits.
 * A row is never cut in half; a first row bigger than the cap yields no rows and
 * `truncated: true`, which tells the model to select fewer or narrower columns.
 */
import { jsonBytes } from './json-values.ts';

export interface CappedRows {
  rows: unknown[][];
  truncated: boolean;
  bytes: number;
}

export function capRowsByBytes(rows: unknown[][], maxBytes: number): CappedRows {
  let bytes = 2; // the enclosing []
  const kept: unknown[][] = [];
  for (const row of rows) {
    const size = jsonBytes(row) + (kept.length > 0 ? 1 : 0);
    if (bytes + size > maxBytes) return { rows: kept, truncated: true, bytes };
    bytes += size;
    kept.push(row);
  }
  return { rows: kept, truncated: false, bytes };
}
