/**
 * How the fake BigQuery answers a dry run without a GoogleSQL engine: a small classifier
 * for statementType (leading keyword after comments; several statements or procedural
 * keywords make a SCRIPT, as BigQuery reports them) and the qualified table names after
 * FROM/JOIN/INTO/UPDATE/MERGE/TABLE for referencedTables, with views expanded to the tables
 * they read. Tests may override any of it per exact SQL text (FakeQueryScript).
 */
import { maskCommentsAndStrings } from '../../../src/mcp/bigquery/bigquery-lexical.ts';

export interface FakeTableRef {
  projectId: string;
  datasetId: string;
  tableId: string;
}

const SCRIPT_KEYWORDS = /^(DECLARE|BEGIN|IF|LOOP|WHILE|REPEAT|FOR|EXECUTE|SET|RAISE|RETURN|CASE)\b/i;

/** Statements split on semicolons outside strings and comments; empty ones dropped. */
export function splitStatements(sql: string): string[] {
  const masked = maskCommentsAndStrings(sql);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < masked.length; i += 1) {
    if (masked[i] === ';') {
      parts.push(masked.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(masked.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function classifyStatement(sql: string): string {
  const statements = splitStatements(sql);
  if (statements.length !== 1) return 'SCRIPT';
  const text = statements[0]!.replace(/\s+/g, ' ').trim();
  if (SCRIPT_KEYWORDS.test(text)) return 'SCRIPT';
  const upper = text.toUpperCase();
  // FROM-first: GoogleSQL pipe syntax (FROM t |> SELECT …).
  if (/^(SELECT|WITH|FROM|\()/.test(upper)) return 'SELECT';
  if (upper.startsWith('INSERT')) return 'INSERT';
  if (upper.startsWith('UPDATE')) return 'UPDATE';
  if (upper.startsWith('DELETE')) return 'DELETE';
  if (upper.startsWith('MERGE')) return 'MERGE';
  if (upper.startsWith('TRUNCATE')) return 'TRUNCATE_TABLE';
  if (upper.startsWith('CALL')) return 'CALL';
  if (upper.startsWith('EXPORT DATA')) return 'EXPORT_DATA';
  if (upper.startsWith('LOAD DATA')) return 'LOAD_DATA';
  if (upper.startsWith('ASSERT')) return 'ASSERT';
  const ddl =
    /^(CREATE|DROP|ALTER|UNDROP)(?: OR REPLACE)?(?: TEMP| TEMPORARY)?( EXTERNAL| MATERIALIZED| SNAPSHOT)? (TABLE FUNCTION|TABLE|VIEW|FUNCTION|PROCEDURE|SCHEMA|MODEL)\b/.exec(
      upper,
    );
  if (ddl) {
    const kind = `${ddl[2] ? `${ddl[2].trim()}_` : ''}${ddl[3]!.replace(' ', '_')}`;
    if (ddl[1] === 'CREATE' && kind === 'TABLE' && / AS (SELECT|WITH|\()/.test(upper))
      return 'CREATE_TABLE_AS_SELECT';
    return `${ddl[1]}_${kind}`;
  }
  if (upper.startsWith('GRANT')) return 'GRANT_ON_TABLE';
  if (upper.startsWith('REVOKE')) return 'REVOKE_ON_TABLE';
  return 'UNKNOWN';
}

/**
 * Qualified names (dataset.table or project.dataset.table) the SQL reads (`reads`, after
 * FROM/JOIN/USING) or writes (`writes`, after INTO/UPDATE/MERGE/TABLE/VIEW: DDL and DML targets,
 * which need not exist yet).
 */
export function namedTables(sql: string, defaultProject: string, kind: 'reads' | 'writes'): FakeTableRef[] {
  const masked = maskCommentsAndStrings(sql);
  const keywords = kind === 'reads' ? 'FROM|JOIN|USING' : 'INTO|UPDATE|MERGE|TABLE|VIEW';
  const pattern = new RegExp(`\\b(?:${keywords})\\s+([\\w-]+(?:\\s*\\.\\s*[\\w-]+){1,2})`, 'gi');
  const refs: FakeTableRef[] = [];
  for (const match of masked.matchAll(pattern)) {
    const parts = match[1]!.split('.').map((part) => part.trim());
    if (parts.some((part) => /^information_schema$/i.test(part))) continue;
    const ref =
      parts.length === 3
        ? { projectId: parts[0]!, datasetId: parts[1]!, tableId: parts[2]! }
        : { projectId: defaultProject, datasetId: parts[0]!, tableId: parts[1]! };
    if (
      !refs.some(
        (r) => r.projectId === ref.projectId && r.datasetId === ref.datasetId && r.tableId === ref.tableId,
      )
    ) {
      refs.push(ref);
    }
  }
  return refs;
}
