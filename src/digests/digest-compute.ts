/**
 * One digest's content, computed without a model: the saved SQL through the warehouse's
 * MCP guard with the channel's current scope (mapping, byte cap, daily budget), the chart
 * re-rendered from the saved ChartSpec with this run's rows, the headline compared with the
 * previous posted run. A guard refusal (a mapping that no longer allows the tables, the byte
 * cap, the budget) is a clear, final failure; other query errors may be retried.
 */
import { parseQueryResult, rowsAsObjects } from '../agent/query-result.ts';
import type { OpenWarehouse } from '../core/ports/warehouse-connection.ts';
import type { ChartSpec } from '../core/chart-spec.ts';
import { KotaeError, errorMessage } from '../core/errors.ts';
import type { Locale } from '../core/locale.ts';
import type { TaskView } from '../core/ports/task-handler.ts';
import type { Reply, ReplyChart, ResultTable } from '../core/reply.ts';
import { changeSince, headlineOf } from './digest-headline.ts';
import { buildDigestPost } from './digest-post.ts';

export type RenderChart = (
  spec: unknown,
  options: { locale: Locale; timeZone: string },
) => Promise<Uint8Array>;

export interface DigestComputeInput {
  view: TaskView;
  subscription: {
    id: string;
    name: string;
    sql: string;
    schedule: string;
    timeZone: string;
    chartSpec: ChartSpec | null;
  };
  slot: Date;
  late: boolean;
  previousHeadline: number | null;
  signal: AbortSignal;
}

export interface DigestContent {
  /** Null when the query returned no rows. */
  reply: Reply;
  empty: boolean;
  headline: number | null;
}

/** The guard's refusals all start so; a mapping refusal names the datasets the channel may use. */
const REFUSED = /^Refused/;
const OUTSIDE_MAPPING = /outside the datasets this channel may use/;

export async function computeDigest(
  input: DigestComputeInput,
  deps: { openWarehouse: OpenWarehouse; renderChart: RenderChart },
): Promise<DigestContent> {
  const { view, subscription } = input;
  const locale = view.locale;
  const connection = await deps.openWarehouse(view);
  let result;
  try {
    const raw = await connection.callTool('execute_query', { sql: subscription.sql }, input.signal);
    if (raw.isError) {
      const reason = raw.content.split('\n')[0] ?? raw.content;
      const refused = REFUSED.test(raw.content);
      const mapping = OUTSIDE_MAPPING.test(raw.content);
      throw new KotaeError(refused ? 'digest_refused' : 'digest_query_failed', reason, {
        retryable: !refused,
        userMessage: mapping ? 'digest.failed.refused' : 'digest.failed.query',
        userParams: { reason },
      });
    }
    result = parseQueryResult(subscription.sql, raw);
    if (!result) throw new KotaeError('digest_query_failed', 'The query result could not be read');
  } finally {
    await connection.close();
  }
  const post = {
    locale,
    subscription,
    slot: input.slot,
    late: input.late,
    taskId: view.id,
    sql: subscription.sql,
    bytesProcessed: result.bytesProcessed,
  };
  if (result.rows.length === 0) return { reply: buildDigestPost(post), empty: true, headline: null };

  const table: ResultTable = {
    columns: result.columns,
    rows: result.rows,
    totalRows: result.totalRows,
    truncated: result.truncated,
  };
  const headline = headlineOf(table);
  let chart: ReplyChart | undefined;
  if (subscription.chartSpec) {
    const spec = { ...subscription.chartSpec, data: rowsAsObjects(result) };
    try {
      const png = await deps.renderChart(spec, { locale, timeZone: subscription.timeZone });
      chart = { spec, png, altText: spec.title || subscription.name };
    } catch (error) {
      // The numbers still go out; a chart that no longer fits the rows is not worth a failed digest.
      void errorMessage(error);
    }
  }
  const reply = buildDigestPost({
    ...post,
    table,
    headline,
    change: headline ? changeSince(headline.value, input.previousHeadline) : null,
    ...(chart ? { chart } : {}),
  });
  return { reply, empty: false, headline: headline?.value ?? null };
}
