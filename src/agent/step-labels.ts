/**
 * The line a person sees in the thread for each tool call, in their language: what is
 * happening (「テーブルを検索しています: orders」), then what happened
 * (「クエリを実行しました（1.2 GB スキャン、10 行）」).
 */
import type { ToolCall } from '../core/ports/chat-model.ts';
import type { ToolResult } from '../core/ports/tool-provider.ts';
import { formatBytes, formatNumber } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import type { QueryResult } from './query-result.ts';

export function startLabel(call: ToolCall, locale: Locale): string {
  const arg = (name: string): string => shorten(String(call.arguments[name] ?? ''), 80);
  switch (call.name) {
    case 'list_datasets':
      return t(locale, 'agent.step.listDatasets');
    case 'list_tables':
      return t(locale, 'agent.step.listTables', { dataset: arg('dataset') });
    case 'search_tables':
      return t(locale, 'agent.step.searchTables', { query: arg('query') });
    case 'describe_table':
      return t(locale, 'agent.step.describeTable', { table: arg('table') });
    case 'dry_run':
      return t(locale, 'agent.step.dryRun');
    case 'execute_query':
      return t(locale, 'agent.step.executeQuery');
    case 'run_analysis':
      return t(locale, 'agent.step.runAnalysis');
    case 'make_chart':
      return t(locale, 'agent.step.makeChart', { title: arg('title') });
    default:
      return t(locale, 'agent.step.tool', { name: call.name });
  }
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
  if (result.isError) {
    const label =
      call.name === 'execute_query'
        ? t(locale, 'agent.step.executeQuery.failed')
        : t(locale, 'agent.step.failed', { label: startLabel(call, locale) });
    return { label, error: shorten(result.content, 300) };
  }
  switch (call.name) {
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
    case 'run_analysis':
      return { label: t(locale, 'agent.step.runAnalysis.done') };
    case 'make_chart':
      return {
        label: t(locale, 'agent.step.makeChart.done', {
          title: shorten(String(call.arguments['title'] ?? ''), 80),
        }),
      };
    default:
      return {};
  }
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
