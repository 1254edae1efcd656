import { KotaeError } from '../../core/errors.ts';
/** Quoting for SQL that Kotae writes itself (catalogue queries, generated data). Never for model SQL. */

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new KotaeError('sql_literal_not_finite', `Not a finite number: ${value}`);
    return String(value);
  }
  return sqlString(value);
}

/** `(a, b), (c, d)` rows for a VALUES list. */
export function sqlValues(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(',\n');
}
