/**
 * The line a person sees in the thread for each tool call, in their language: what is
 * happening (「テーブルを検索しています: orders」), then what it found
 * (「テーブルを検索: 3 件 (retail.sales ほか)」, "Queried 1.2 GB, 10 rows"). A failure says
 * what failed once; a refusal says it was refused and why, and promises no fix.
 */
import type { ToolCall } from '../core/ports/chat-model.ts';
import type { ToolResult } from '../core/ports/tool-provider.ts';
import { formatBytes, formatNumber } from '../core/i18n/format.ts';
import type { MessageKey } from '../core/i18n/catalogue.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import { structuredOf, type QueryResult } from './query-result.ts';

/** The tool's message key stem and its arguments, shared by the running, done and failed lines. */
function toolKey(call: ToolCall): { key: string; params: Record<string, string> } {
  const arg = (name: string): string => shorten(String(call.arguments[name] ?? ''), 80);
  switch (call.name) {
    case 'list_datasets':
      return { key: 'listDatasets', params: {} };
    case 'list_tables':
      return { key: 'listTables', params: { dataset: arg('dataset') } };
    case 'search_tables':
      return { key: 'searchTables', params: { query: arg('query') } };
    case 'describe_table':
      return { key: 'describeTable', params: { table: arg('table') } };
    case 'dry_run':
      return { key: 'dryRun', params: {} };
    case 'execute_query':
      return { key: 'executeQuery', params: {} };
    case 'run_analysis':
      return { key: 'runAnalysis', params: {} };
    case 'make_chart':
      return { key: 'makeChart', params: { title: arg('title') } };
    default:
      return { key: 'tool', params: { name: shorten(call.name, 80) } };
  }
}

export function startLabel(call: ToolCall, locale: Locale): string {
  const { key, params } = toolKey(call);
  return t(locale, `agent.step.${key}` as MessageKey, params);
}

export interface FinishedStep {
  label?: string;
  error?: string;
}

export function finishLabel(
  call: ToolCall,
  result: ToolResult,
  locale: Locale,
  facts: { query?: QueryResult; bytes?: number | null },
): FinishedStep {
  const { key, params } = toolKey(call);
  if (result.isError) {
    const refusal = refusalReason(result.content, locale);
    const label = refusal
      ? t(locale, 'agent.step.refused', { reason: refusal })
      : t(locale, 'agent.step.failed', { what: t(locale, `agent.step.what.${key}` as MessageKey, params) });
    return { label, error: shorten(result.content, 300) };
  }
  const found = foundLabel(call, result, key, params, locale, facts);
  if (found.label) return found;
  // No countable facts in the result (another server's shape): still say it finished.
  const finished = `agent.step.${key}.finished` as MessageKey;
  return { label: t(locale, finished, params) };
}

function foundLabel(
  call: ToolCall,
  result: ToolResult,
  key: string,
  params: Record<string, string>,
  locale: Locale,
  facts: { query?: QueryResult; bytes?: number | null },
): FinishedStep {
  const data = structuredOf(result);
  switch (call.name) {
    case 'list_datasets': {
      const datasets = listOf(data, 'datasets');
      return datasets
        ? {
            label: t(locale, `agent.step.${key}.done` as MessageKey, {
              count: count(datasets.length, locale),
            }),
          }
        : {};
    }
    case 'list_tables': {
      const total = typeof data?.['total'] === 'number' ? data['total'] : listOf(data, 'tables')?.length;
      return total === undefined
        ? {}
        : {
            label: t(locale, `agent.step.${key}.done` as MessageKey, {
              ...params,
              count: count(total, locale),
            }),
          };
    }
    case 'search_tables':
      return searchDone(data, params, locale);
    case 'describe_table': {
      const columns = listOf(data, 'columns');
      if (!columns) return {};
      const omitted = typeof data?.['columns_omitted'] === 'number' ? data['columns_omitted'] : 0;
      const table = typeof data?.['table'] === 'string' ? data['table'] : params['table']!;
      return {
        label: t(locale, `agent.step.${key}.done` as MessageKey, {
          table,
          columns: count(columns.length + omitted, locale),
        }),
      };
    }
    case 'execute_query':
      return facts.query
        ? {
            label: t(locale, 'agent.step.executeQuery.done', {
              bytes: formatBytes(facts.query.bytesProcessed, locale),
              rows: formatNumber(facts.query.totalRows, locale),
            }),
          }
        : {};
    case 'dry_run':
      return typeof facts.bytes === 'number'
        ? { label: t(locale, 'agent.step.dryRun.done', { bytes: formatBytes(facts.bytes, locale) }) }
        : {};
    default:
      return { label: t(locale, `agent.step.${key}.done` as MessageKey, params) };
  }
}

function searchDone(
  data: Record<string, unknown> | null,
  params: Record<string, string>,
  locale: Locale,
): FinishedStep {
  // Our server says `results: [{table}]`; other warehouse servers say `tables: [{name}]`.
  const results = listOf(data, 'results') ?? listOf(data, 'tables');
  if (!results) return {};
  if (results.length === 0) return { label: t(locale, 'agent.step.searchTables.none', params) };
  const more = typeof data?.['more'] === 'number' ? data['more'] : 0;
  const first = results[0];
  const record = first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
  const name = typeof first === 'string' ? first : String(record['table'] ?? record['name'] ?? '');
  const total = results.length + more;
  const tables = total > 1 ? t(locale, 'agent.step.andOthers', { first: name }) : name;
  return { label: t(locale, 'agent.step.searchTables.done', { count: count(total, locale), tables }) };
}

/**
 * A refusal (the warehouse guard said no on purpose) in the reader's words, or null for a
 * plain failure. The guard's own text is English for the model; the line says why in short.
 */
function refusalReason(content: string, locale: Locale): string | null {
  if (!/^\s*Refused:/.test(content)) return null;
  if (content.includes('outside the datasets')) return t(locale, 'agent.refusal.dataset');
  if (content.includes('would process about')) return t(locale, 'agent.refusal.bytes');
  const statement = /this is a ([A-Z_ ]+?) statement/.exec(content);
  if (statement) return t(locale, 'agent.refusal.statement', { type: statement[1]! });
  return t(locale, 'agent.refusal.readOnly');
}

function listOf(data: Record<string, unknown> | null, field: string): unknown[] | undefined {
  const value = data?.[field];
  return Array.isArray(value) ? value : undefined;
}

function count(value: number, locale: Locale): string {
  return formatNumber(value, locale);
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
