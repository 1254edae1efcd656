/**
 * dry_run and execute_query. Both go through the same guard: the backend's dry run
 * reports the facts, judgeDryRun decides, and execute_query runs only what was judged.
 * Every execution and every refusal is recorded in the query log.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { reconciliationLabel } from '../bigquery/job-labels.ts';
import { judgeDryRun, judgeTablesRead, scrubEngineMessage, tableName } from '../guard.ts';
import { capRowsByBytes } from '../result-caps.ts';
import { errorResult, okResult } from '../tool-results.ts';
import type { DryRunReport } from '../warehouse-backend.ts';
import { isWarehouseQueryError } from '../warehouse-errors.ts';
import type { ToolContext, ToolContextSource } from './tool-context.ts';

const SQL_INPUT = z.string().min(1).max(100_000).describe("One SELECT statement in the server's SQL dialect");

/** Every job carries the four reconciliation labels (docs/usage.md); "none" when unknown. */
function requestLabels(context: ToolContext): Record<string, string> {
  const { workspaceId, channelId, userId, taskId, kind } = context.request;
  const labels: Record<string, string> = { ...context.policy.labels, kotae: 'query' };
  labels['kotae_workspace'] = reconciliationLabel(workspaceId ?? '');
  labels['kotae_channel'] = reconciliationLabel(channelId ?? '');
  if (userId) labels['kotae_user'] = userId;
  labels['kotae_task'] = reconciliationLabel(taskId ?? '');
  labels['kotae_kind'] = reconciliationLabel(kind ?? 'mcp');
  return labels;
}

function failureText(
  context: ToolContext,
  error: unknown,
): { text: string; verdict: 'REFUSED' | 'FAILED'; jobId?: string } {
  if (isWarehouseQueryError(error)) {
    const message = scrubEngineMessage(error.message, context.policy, context.backend.projectId);
    if (error.kind === 'refused')
      return { text: `Refused: ${message}`, verdict: 'REFUSED', ...jobOf(error.jobId) };
    if (error.kind === 'timeout') {
      return {
        text: `The query timed out: ${message} Aggregate more, filter more, or add LIMIT.`,
        verdict: 'FAILED',
        ...jobOf(error.jobId),
      };
    }
    return { text: `The warehouse rejected the query: ${message}`, verdict: 'FAILED', ...jobOf(error.jobId) };
  }
  throw error;
}

function jobOf(jobId: string | undefined): { jobId?: string } {
  return jobId ? { jobId } : {};
}

function dryRunData(report: DryRunReport, maxBytes: number): Record<string, unknown> {
  return {
    statement_type: report.statementType,
    bytes_processed: report.bytesProcessed,
    referenced_tables: report.referencedTables.map(tableName),
    within_byte_cap: report.bytesProcessed <= maxBytes,
  };
}

export function registerQueryTools(server: McpServer, contextFor: ToolContextSource): void {
  async function checked(
    context: ToolContext,
    sql: string,
    tool: 'dry_run' | 'execute_query',
    started: number,
  ) {
    const { backend, policy } = context;
    let report: DryRunReport;
    try {
      report = await backend.dryRun(sql, requestLabels(context));
    } catch (error) {
      const failure = failureText(context, error);
      await context.record({
        sql,
        verdict: failure.verdict,
        reason: `${tool}: ${failure.text}`,
        durationMs: Math.round(performance.now() - started),
      });
      return { result: errorResult(failure.text) };
    }
    const verdict = judgeDryRun(report, policy, backend.projectId);
    if (!verdict.allowed) {
      await context.record({
        sql,
        verdict: 'REFUSED',
        reason: `${tool}: ${verdict.reason}`,
        bytesProcessed: report.bytesProcessed,
        durationMs: Math.round(performance.now() - started),
      });
      const details = JSON.stringify(dryRunData(report, policy.maxBytesBilled));
      return { result: errorResult(`${verdict.reason}\n${details}`) };
    }
    return { report };
  }

  server.registerTool(
    'dry_run',
    {
      title: 'Dry run a query',
      description:
        'Checks a query without running it: statement type, estimated bytes processed and the tables it reads. ' +
        'A query that would be refused (not a SELECT, a table outside the allowed datasets, over the byte cap) ' +
        'comes back as an error saying why.',
      inputSchema: { sql: SQL_INPUT },
      outputSchema: {
        statement_type: z.string(),
        bytes_processed: z.number(),
        referenced_tables: z.array(z.string()),
        within_byte_cap: z.boolean(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ sql }, extra) => {
      const context = contextFor(extra);
      const outcome = await checked(context, sql, 'dry_run', performance.now());
      if ('result' in outcome) return outcome.result as CallToolResult;
      return okResult(dryRunData(outcome.report, context.policy.maxBytesBilled));
    },
  );

  server.registerTool(
    'execute_query',
    {
      title: 'Run a query',
      description:
        'Runs one read-only SELECT and returns columns and rows (rows are arrays in column order). ' +
        'total_rows is the full row count; truncated is true when fewer rows were returned. ' +
        'Aggregate in SQL rather than fetching raw rows.',
      inputSchema: {
        sql: SQL_INPUT,
        max_rows: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("Rows to return; capped by the channel's limit"),
      },
      outputSchema: {
        columns: z.array(z.object({ name: z.string(), type: z.string() })),
        rows: z.array(z.array(z.unknown())),
        total_rows: z.number(),
        truncated: z.boolean(),
        bytes_processed: z.number(),
        job_id: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ sql, max_rows }, extra) => {
      const context = contextFor(extra);
      const { backend, policy } = context;
      const started = performance.now();
      const outcome = await checked(context, sql, 'execute_query', started);
      if ('result' in outcome) return outcome.result as CallToolResult;
      const maxRows = Math.min(max_rows ?? policy.maxRows, policy.maxRows);
      const reservation = context.reserveBytes
        ? await context.reserveBytes(outcome.report.bytesProcessed)
        : null;
      if (reservation && !reservation.ok) {
        const reason =
          `Refused: the channel's daily byte budget would be exceeded ` +
          `(used ${reservation.usedBytes + reservation.reservedBytes} of ${reservation.limit} bytes, ` +
          `this query needs about ${reservation.estimate} bytes; it resets at ${reservation.resetsAt.toISOString()}).`;
        await context.record({
          sql,
          verdict: 'REFUSED',
          reason,
          bytesProcessed: outcome.report.bytesProcessed,
          durationMs: Math.round(performance.now() - started),
        });
        const notice = context.describeRefusal?.(reservation);
        return errorResult(notice ? `${reason}\nTell the person: ${notice}` : reason);
      }
      try {
        const result = await backend.execute(sql, {
          maxRows,
          maxBytesBilled: policy.maxBytesBilled,
          timeoutMs: policy.timeoutMs,
          labels: requestLabels(context),
          signal: extra.signal,
        });
        const bytes = result.bytesProcessed ?? outcome.report.bytesProcessed;
        await reservation?.settle(bytes);
        const after = judgeTablesRead(result.referencedTables ?? [], policy, backend.projectId);
        if (!after.allowed) {
          await context.record({
            sql,
            verdict: 'REFUSED',
            reason: after.reason,
            bytesProcessed: bytes,
            durationMs: Math.round(performance.now() - started),
            jobId: result.jobId,
          });
          return errorResult(after.reason);
        }
        const capped = capRowsByBytes(result.rows, policy.maxResultBytes);
        await context.record({
          sql,
          verdict: 'EXECUTED',
          bytesProcessed: bytes,
          rows: result.totalRows,
          durationMs: Math.round(performance.now() - started),
          jobId: result.jobId,
        });
        return okResult({
          columns: result.columns,
          rows: capped.rows,
          total_rows: result.totalRows,
          truncated: capped.truncated || capped.rows.length < result.totalRows,
          bytes_processed: bytes,
          job_id: result.jobId,
        });
      } catch (error) {
        await reservation?.release();
        const failure = failureText(context, error);
        await context.record({
          sql,
          verdict: failure.verdict,
          reason: failure.text,
          durationMs: Math.round(performance.now() - started),
          ...(failure.jobId ? { jobId: failure.jobId } : {}),
        });
        return errorResult(failure.text);
      }
    },
  );
}
