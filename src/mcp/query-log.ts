/**
 * The query log port: every query the server runs or refuses, with who asked, where,
 * what it cost and what happened. The server never fails a query because logging failed:
 * a sink error is reported to `onError` and dropped.
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

export interface QueryLogSink {
  record(entry: QueryLogEntry): Promise<void>;
}

/** Records nothing: for callers that keep no log (unit tests of other parts). */
export const noQueryLog: QueryLogSink = { record: async () => {} };

/** One JSON object per line, e.g. to stderr for the standalone server. */
export function createJsonLinesQueryLog(write: (line: string) => void): QueryLogSink {
  return {
    record: async (entry) => {
      write(`${JSON.stringify({ event: 'query', ...entry, createdAt: entry.createdAt.toISOString() })}\n`);
    },
  };
}

/** Records and never throws; logging is not allowed to fail a query. */
export function safeRecorder(
  sink: QueryLogSink,
  onError: (error: unknown) => void,
): (entry: QueryLogEntry) => Promise<void> {
  return async (entry) => {
    try {
      await sink.record(entry);
    } catch (error) {
      try {
        onError(error);
      } catch {
        // The error reporter failing too must not reach the query either.
      }
    }
  };
}
