/**
 * One line of the query log: a query the warehouse server ran, refused or saw fail, with
 * who asked, where, what it cost and what happened. The server writes it (src/mcp) and the
 * database keeps it (src/store).
 */

export type QueryVerdict = 'EXECUTED' | 'REFUSED' | 'FAILED';

export interface QueryLogEntry {
  taskId?: string;
  workspaceId?: string;
  channelId?: string;
  userId?: string;
  /** "bigquery" or "duckdb". */
  backend: string;
  sql: string;
  verdict: QueryVerdict;
  /** Why it was refused or failed; "dry_run: …" when the refusal came from the dry_run tool. */
  reason?: string;
  bytesProcessed?: number;
  rows?: number;
  durationMs: number;
  jobId?: string;
  createdAt: Date;
}
