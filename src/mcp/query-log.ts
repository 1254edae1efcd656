/**
 * The query log port: every query the server runs or refuses, with who asked, where,
 * what it cost and what happened. The server never fails a query because logging failed:
 * a sink error is reported to `onError` and dropped.
 */

import type { QueryLogEntry } from '../core/query-log-entry.ts';

export type { QueryLogEntry, QueryVerdict } from '../core/query-log-entry.ts';

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
