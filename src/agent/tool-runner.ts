/**
 * Runs one tool call the model asked for: shows it as a step, calls the tool, keeps what
 * the reply needs (query results under ids) and turns the result into the message the
 * model reads next. Errors (bad SQL, refusals) go back to the model so it can correct itself.
 */
import type { ModelMessage, ToolCall } from '../core/ports/chat-model.ts';
import type { TaskContext } from '../core/ports/task-handler.ts';
import type { ToolResult } from '../core/ports/tool-provider.ts';
import { noTracer, type Tracer } from '../core/ports/tracer.ts';
import type { Locale } from '../core/locale.ts';
import { labelFromDescription, type ColumnLabel } from './column-labels.ts';
import { bytesOf, isRecord, parseQueryResult, structuredOf, type QueryResult } from './query-result.ts';
import type { ResultStore } from './result-store.ts';
import { finishLabel, startLabel } from './step-labels.ts';
import type { ToolCatalogue } from './tool-catalogue.ts';

type ToolMessage = Extract<ModelMessage, { role: 'tool' }>;

export interface ToolRunEnv {
  catalogue: ToolCatalogue;
  store: ResultStore;
  locale: Locale;
  context: Pick<TaskContext, 'startStep'>;
  signal: AbortSignal;
  tracer?: Tracer;
}

/** Rows of a result the model sees; the rest stay in the store for analysis and the table. */
export const ROWS_SHOWN_TO_MODEL = 50;
/** Any other tool output is cut here, so one huge schema cannot eat the token budget. */
export const MAX_TOOL_CONTENT_CHARS = 24_000;

export async function runToolCall(call: ToolCall, env: ToolRunEnv): Promise<ToolMessage> {
  const step = env.context.startStep(startLabel(call, env.locale), {
    tool: call.name,
    arguments: call.arguments,
  });
  const result: ToolResult =
    '_raw' in call.arguments
      ? { content: `The arguments were not valid JSON: ${String(call.arguments['_raw'])}`, isError: true }
      : await (env.tracer ?? noTracer).span(
          `tool ${call.name}`,
          { attributes: { 'kotae.tool': call.name } },
          () => env.catalogue.call(call.name, call.arguments, env.signal),
        );

  let query: QueryResult | undefined;
  let content = result.content;
  const detail: Record<string, unknown> = {};
  if (call.name === 'execute_query' && !result.isError) {
    query = parseQueryResult(String(call.arguments['sql'] ?? ''), result) ?? undefined;
    if (query) {
      const id = env.store.addQuery(query);
      content = presentQuery(id, query);
      Object.assign(detail, { resultId: id, bytesProcessed: query.bytesProcessed, rows: query.totalRows });
    }
  }
  if (call.name === 'describe_table' && !result.isError) noteColumnMetadata(result, env);
  const bytes = call.name === 'dry_run' && !result.isError ? bytesOf(result) : null;
  if (bytes !== null) detail['bytesProcessed'] = bytes;
  step.finish({ ...finishLabel(call, result, env.locale, { ...(query ? { query } : {}), bytes }), detail });

  return {
    role: 'tool',
    toolCallId: call.id,
    toolName: call.name,
    content: capContent(content),
    isError: result.isError,
  };
}

/** Column descriptions become default labels and currencies for the answer's table. */
function noteColumnMetadata(result: ToolResult, env: ToolRunEnv): void {
  const columns = structuredOf(result)?.['columns'];
  if (!Array.isArray(columns)) return;
  const labels: Record<string, ColumnLabel> = {};
  for (const column of columns) {
    if (!isRecord(column) || typeof column['name'] !== 'string') continue;
    if (typeof column['description'] !== 'string') continue;
    const label = labelFromDescription(column['description'], env.locale);
    if (label) labels[column['name']] = label;
  }
  env.store.describeColumns(labels);
}

function presentQuery(id: string, query: QueryResult): string {
  const shown = query.rows.slice(0, ROWS_SHOWN_TO_MODEL);
  return JSON.stringify({
    result_id: id,
    columns: query.columns,
    rows: shown,
    rows_shown: shown.length,
    total_rows: query.totalRows,
    truncated: query.truncated,
    bytes_processed: query.bytesProcessed,
    note:
      shown.length < query.rows.length || query.truncated
        ? `Only some rows are shown. Use run_analysis with {"inputs": {"rows": "${id}"}} to compute over all of them.`
        : undefined,
  });
}

function capContent(content: string): string {
  if (content.length <= MAX_TOOL_CONTENT_CHARS) return content;
  return `${content.slice(0, MAX_TOOL_CONTENT_CHARS)}\n[… ${content.length - MAX_TOOL_CONTENT_CHARS} more characters cut]`;
}
