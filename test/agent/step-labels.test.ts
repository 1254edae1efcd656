/**
 * The step lines a person reads in the thread while the bot works and after: what each tool
 * is doing, what it found, what failed (once) and what was refused (and why, with no promise
 * to fix). If these broke, a reader would see "✅ …しています" under a finished step, a failure
 * marked twice, or a refused DELETE that claims it is being fixed.
 */
import { describe, expect, it } from 'vitest';
import { finishLabel, startLabel } from '../../src/agent/step-labels.ts';
import type { ToolCall } from '../../src/core/ports/chat-model.ts';
import type { ToolResult } from '../../src/core/ports/tool-provider.ts';
import type { Locale } from '../../src/core/locale.ts';
import { stepLine } from '../../src/render/status-lines.ts';

const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({
  id: 'c1',
  name,
  arguments: args,
});
const ok = (data: Record<string, unknown>): ToolResult => ({
  content: JSON.stringify(data),
  isError: false,
  data,
});
const failed = (content: string): ToolResult => ({ content, isError: true });

const QUERY = {
  sql: 'SELECT 1',
  columns: [{ name: 'n', type: 'INT64' }],
  rows: [[1]],
  totalRows: 10,
  truncated: false,
  bytesProcessed: 1.2 * 1024 ** 3,
};

const TOOLS: Array<{ call: ToolCall; done: ToolResult; facts?: Parameters<typeof finishLabel>[3] }> = [
  { call: call('list_datasets'), done: ok({ datasets: [{ dataset: 'retail' }, { dataset: 'hr' }] }) },
  {
    call: call('list_tables', { dataset: 'retail' }),
    done: ok({ dataset: 'retail', tables: [{ table: 'retail.sales' }], total: 12 }),
  },
  {
    call: call('search_tables', { query: '売上 都道府県' }),
    done: ok({
      query: '売上 都道府県',
      results: [{ table: 'retail.sales' }, { table: 'retail.stores' }],
      more: 1,
    }),
  },
  {
    call: call('describe_table', { table: 'retail.sales' }),
    done: ok({ table: 'retail.sales', columns: [{ name: 'a' }, { name: 'b' }], columns_omitted: 3 }),
  },
  { call: call('dry_run', { sql: 'SELECT 1' }), done: ok({}), facts: { bytes: 5e8 } },
  { call: call('execute_query', { sql: 'SELECT 1' }), done: ok({}), facts: { query: QUERY } },
  { call: call('run_analysis', { code: 'return 1' }), done: ok({}) },
  { call: call('make_chart', { title: '都道府県別の売上' }), done: ok({}) },
  { call: call('other_tool'), done: ok({}) },
];

const REFUSALS = {
  delete:
    'Refused: this is a DELETE statement. Data is never changed from chat. Only one read-only SELECT query may run.',
  dataset:
    'Refused: the query reads hr.salaries, outside the datasets this channel may use (retail). Views count by the tables they read.',
  bytes:
    'Refused: the query would process about 3 TB (3000000000000 bytes), over the cap of 1 GB (1000000000 bytes).',
  external:
    'Refused: EXTERNAL_QUERY reads a database outside BigQuery. Only one read-only SELECT query may run.',
};

function linesFor(locale: Locale): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const tool of TOOLS) {
    const name = tool.call.name;
    lines[`${name} running`] = stepLine(locale, 'running', startLabel(tool.call, locale));
    const done = finishLabel(tool.call, tool.done, locale, tool.facts ?? {});
    lines[`${name} done`] = stepLine(locale, 'done', done.label ?? startLabel(tool.call, locale));
    const fail = finishLabel(tool.call, failed('Binder Error: column "x" not found'), locale, {});
    lines[`${name} failed`] = stepLine(locale, fail.error ? 'failed' : 'done', fail.label!);
  }
  for (const [why, text] of Object.entries(REFUSALS)) {
    for (const name of ['dry_run', 'execute_query']) {
      const refused = finishLabel(call(name, { sql: 'DELETE FROM t' }), failed(text), locale, {});
      lines[`${name} refused (${why})`] = stepLine(locale, 'failed', refused.label!);
    }
  }
  return lines;
}

describe('step lines', () => {
  for (const locale of ['ja', 'en'] as const) {
    it(`read right for every tool in ${locale}: running, done, failed, refused`, () => {
      const lines = linesFor(locale);
      expect(lines).toMatchSnapshot();
      for (const [name, line] of Object.entries(lines)) {
        // A finished step never reads as still in progress.
        if (line.startsWith('✅')) expect(line, name).not.toMatch(/しています|^✅ [A-Za-z]+ing\b/u);
        // One failure mark per line, at most.
        const marks = line.match(/⚠️|失敗|エラー|\bfailed\b|拒否|refused/giu) ?? [];
        expect(marks.length, name).toBeLessThanOrEqual(2);
        expect(line.match(/失敗|\bfailed\b/giu)?.length ?? 0, name).toBeLessThanOrEqual(1);
        expect(line.match(/⚠️/gu)?.length ?? 0, name).toBeLessThanOrEqual(1);
        // A refusal promises no fix.
        if (name.includes('refused')) expect(line, name).not.toMatch(/修正|fix|失敗|failed/iu);
      }
    });
  }

  it('says what the search found: the count and the first table', () => {
    const search = TOOLS[2]!;
    expect(finishLabel(search.call, search.done, 'ja', {}).label).toBe(
      'テーブルを検索: 3 件 (retail.sales ほか)',
    );
    expect(finishLabel(search.call, ok({ results: [], more: 0 }), 'en', {}).label).toBe(
      'Searched tables: no match (売上 都道府県)',
    );
  });

  it('reads another warehouse server’s search shape, and says "finished" when a result has no facts', () => {
    const search = call('search_tables', { query: 'orders' });
    expect(
      finishLabel(search, ok({ tables: [{ name: 'retail.orders' }, { name: 'retail.stores' }] }), 'ja', {})
        .label,
    ).toBe('テーブルを検索: 2 件 (retail.orders ほか)');
    for (const locale of ['ja', 'en'] as const) {
      for (const tool of TOOLS) {
        const plain: ToolResult = { content: 'done, in words only', isError: false };
        const line = stepLine(locale, 'done', finishLabel(tool.call, plain, locale, {}).label!);
        expect(line, `${tool.call.name} ${locale}`).not.toMatch(/しています|^✅ [A-Za-z]+ing\b/u);
      }
    }
  });

  it('says why a DELETE was refused, in the reader’s language', () => {
    const refused = finishLabel(call('execute_query'), failed(REFUSALS.delete), 'ja', {});
    expect(refused.label).toBe(
      'クエリを拒否しました: DELETE 文は実行できません (読み取り専用の SELECT のみ)',
    );
    expect(refused.error).toContain('Refused');
  });

  it('reads the query line as the issue asks: "Queried 1.2 GB, 10 rows"', () => {
    expect(finishLabel(call('execute_query'), ok({}), 'en', { query: QUERY }).label).toBe(
      'Queried 1.2 GB, 10 rows',
    );
  });
});
