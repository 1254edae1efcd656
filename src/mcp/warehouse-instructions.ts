/**
 * The server's MCP `instructions`: what an MCP client (our agent, Claude Desktop, Gemini
 * CLI) should put in its system prompt. It names the SQL dialect, says "search first" and
 * states the limits, so the model plans within them instead of discovering them by refusal.
 */
import { formatBytes } from '../core/i18n/format.ts';
import type { WarehouseBackend } from './warehouse-backend.ts';
import { describeAllowlist, type WarehousePolicy } from './warehouse-policy.ts';

export function warehouseInstructions(backend: WarehouseBackend, policy: WarehousePolicy): string {
  const naming =
    backend.kind === 'bigquery'
      ? `Name tables as dataset.table (default project ${backend.projectId ?? 'of the credentials'}) or \`project.dataset.table\`.`
      : 'Name tables as dataset.table, e.g. retail.sales (datasets are DuckDB schemas).';
  return [
    `Kotae warehouse (${backend.kind === 'bigquery' ? 'BigQuery' : 'DuckDB'}).`,
    `SQL dialect: ${backend.dialect}. Write every query in this dialect.`,
    'Search first: call search_tables with the business words of the question (Japanese or English), ' +
      'then describe_table for the columns you will use, then dry_run, then execute_query.',
    naming,
    'Only one read-only SELECT per call. INSERT/UPDATE/DELETE/MERGE, DDL, scripts, CALL, EXPORT and ' +
      'EXECUTE IMMEDIATE are refused, as are tables outside the allowed datasets (views count by the tables they read).',
    `Allowed datasets: ${describeAllowlist(policy)}. Byte cap per query: ${formatBytes(policy.maxBytesBilled, 'en')}. ` +
      `At most ${policy.maxRows} rows come back per query; aggregate in SQL.`,
  ].join('\n');
}
