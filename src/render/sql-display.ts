/**
 * SQL as a person reads it: one clause per line, keywords upper-case, indented, by
 * sql-formatter (a maintained formatter that knows BigQuery's and DuckDB's dialects).
 * Statements the formatter cannot parse, or too long to format quickly, are shown as written.
 */
import { format, type SqlLanguage } from 'sql-formatter';

/** Longer statements are shown as the model wrote them: formatting them is not worth the time. */
export const FORMAT_MAX_CHARS = 20_000;

export type SqlDialect = 'bigquery' | 'duckdb';

/** BigQuery's marks (backtick paths, its own functions and types); anything else reads as DuckDB. */
const BIGQUERY_MARKS =
  /`|\b(?:SAFE_\w+|SAFE\.|FORMAT_DATE|FORMAT_TIMESTAMP|PARSE_DATE|DATE_DIFF|TIMESTAMP_TRUNC|INT64|FLOAT64|QUALIFY)\b|\b(?:STRUCT|ARRAY)</i;

export function guessDialect(sql: string): SqlDialect {
  return BIGQUERY_MARKS.test(sql) ? 'bigquery' : 'duckdb';
}

export function formatSql(sql: string, dialect: SqlDialect = guessDialect(sql)): string {
  if (sql.length > FORMAT_MAX_CHARS) return sql;
  // Try the warehouse's dialect first, then the other; a statement neither reads stays as is.
  const order: SqlLanguage[] = dialect === 'duckdb' ? ['duckdb', 'bigquery'] : ['bigquery', 'duckdb'];
  for (const language of order) {
    try {
      return format(sql, {
        language,
        keywordCase: 'upper',
        functionCase: 'upper',
        dataTypeCase: 'upper',
        tabWidth: 2,
        linesBetweenQueries: 1,
      });
    } catch {
      // next dialect
    }
  }
  return sql;
}
