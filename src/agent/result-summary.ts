/**
 * A short description of an answer's data, stored with the thread turn so a follow-up
 * knows what came before without re-running anything. Whole rows only, never a cut value.
 */
import type { ResultTable } from '../core/reply.ts';

export const MAX_SUMMARY_CHARS = 800;

export function summariseTable(table: ResultTable | undefined): string {
  if (!table) return '';
  const columns = table.columns.map((column) => `${column.name} (${column.type})`).join(', ');
  let summary = `${table.totalRows} row(s)${table.truncated ? ', truncated' : ''}; columns: ${columns}`;
  if (summary.length > MAX_SUMMARY_CHARS) return `${table.totalRows} row(s); ${table.columns.length} columns`;
  const rows: string[] = [];
  for (const row of table.rows) {
    const line = JSON.stringify(row);
    const next = `${summary}; first rows: ${[...rows, line].join(' ')}`;
    if (next.length > MAX_SUMMARY_CHARS) break;
    rows.push(line);
  }
  if (rows.length > 0) summary += `; first rows: ${rows.join(' ')}`;
  return summary;
}
