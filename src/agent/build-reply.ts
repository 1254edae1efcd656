/**
 * The final answer as a platform-neutral Reply: the model's text, the table of the last
 * result, the chart if one was drawn, where the numbers came from (SQL, bytes, rows, time,
 * model) and the buttons (show SQL, 👍/👎).
 */
import type { Locale } from '../core/locale.ts';
import type { Provenance, Reply, ReplyAction } from '../core/reply.ts';
import type { ResultStore } from './result-store.ts';

export interface ReplyInput {
  taskId: string;
  locale: Locale;
  kind: 'answer' | 'error';
  text: string;
  store: ResultStore;
  durationMs: number;
  model?: string;
}

export function buildReply(input: ReplyInput): Reply {
  const queries = input.store.queries();
  const table = input.store.lastTable();
  const chart = input.store.chart();
  const jobIds = queries.flatMap((query) => (query.jobId ? [query.jobId] : []));
  const provenance: Provenance | undefined =
    queries.length === 0
      ? undefined
      : {
          sql: queries.map((query) => query.sql),
          bytesProcessed: queries.reduce((sum, query) => sum + query.bytesProcessed, 0),
          rows: table?.totalRows ?? 0,
          durationMs: input.durationMs,
          ...(input.model ? { model: input.model } : {}),
          ...(jobIds.length > 0 ? { jobIds } : {}),
        };
  const actions: ReplyAction[] = [
    ...(queries.length > 0 ? [{ kind: 'show_sql' as const, taskId: input.taskId }] : []),
    { kind: 'feedback', taskId: input.taskId, value: 'up' },
    { kind: 'feedback', taskId: input.taskId, value: 'down' },
  ];
  return {
    kind: input.kind,
    locale: input.locale,
    text: input.text,
    ...(table ? { table } : {}),
    ...(chart ? { chart } : {}),
    ...(provenance ? { provenance } : {}),
    actions,
  };
}
