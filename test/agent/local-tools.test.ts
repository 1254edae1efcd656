/**
 * run_analysis and make_chart as the agent offers them: results travel by id (q1 → the
 * sandbox, a1 → the chart), never through the model, and the chart lands in the reply.
 * The sandbox and renderer here are fakes of their ports (the QuickJS sandbox and the
 * Chart.js renderer are tested by their own suites). If this breaks, analyses get the wrong
 * rows and charts go missing from answers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/core/chart-spec.ts';
import type { Locale } from '../../src/core/locale.ts';
import type { Sandbox, SandboxRequest } from '../../src/core/ports/sandbox.ts';
import { createHarness, type Harness } from '../support/agent/agent-harness.ts';
import { startDemoWarehouse, type DemoWarehouse } from '../support/agent/demo-warehouse.ts';
import type { ProviderName } from '../support/agent/fake-providers.ts';

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SQL =
  'SELECT s.prefecture, SUM(o.amount) AS sales FROM retail.orders o JOIN retail.stores s USING (store_id) GROUP BY 1 ORDER BY 2 DESC';

let warehouse: DemoWarehouse;
let harness: Harness | undefined;
beforeAll(async () => {
  warehouse = await startDemoWarehouse();
});
afterAll(async () => {
  await warehouse.close();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A Sandbox-port fake: records requests and computes shares from the rows it was given. */
function shareSandbox(): Sandbox & { requests: SandboxRequest[] } {
  const requests: SandboxRequest[] = [];
  return {
    requests,
    async run(request) {
      requests.push(request);
      const rows = request.inputs['sales'] as Array<{ prefecture: string; sales: string }>;
      const total = rows.reduce((sum, row) => sum + Number(row.sales), 0);
      const value = rows.map((row) => ({
        prefecture: row.prefecture,
        share: Math.round((Number(row.sales) / total) * 1000) / 10,
      }));
      return { ok: true, value, logs: [], durationMs: 1 };
    },
    async close() {},
  };
}

function recordingRenderer(): {
  render: (spec: ChartSpec, options: { locale: Locale }) => Promise<Uint8Array>;
  calls: Array<{ spec: ChartSpec; locale: Locale }>;
} {
  const calls: Array<{ spec: ChartSpec; locale: Locale }> = [];
  return {
    calls,
    render: async (spec, { locale }) => {
      calls.push({ spec, locale });
      return PNG_SIGNATURE;
    },
  };
}

describe.each<ProviderName>(['openai', 'gemini'])('local tools with %s', (name) => {
  it('passes query rows to the sandbox by id and charts the analysis into the reply', async () => {
    const sandbox = shareSandbox();
    const renderer = recordingRenderer();
    harness = await createHarness({ providers: [name], warehouse, sandbox, renderChart: renderer.render });
    const provider = harness.providers[0]!;
    provider.script(
      { toolCalls: [{ name: 'execute_query', args: { sql: SQL } }] },
      {
        toolCalls: [
          {
            name: 'run_analysis',
            args: {
              code: 'const total = sum(inputs.sales, "sales"); return inputs.sales.map((r) => ({ prefecture: r.prefecture, share: Math.round((r.sales / total) * 1000) / 10 }));',
              inputs: { sales: 'q1' },
            },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: 'make_chart',
            args: {
              type: 'pie',
              title: '都道府県別の売上構成比',
              x: 'prefecture',
              y: ['share'],
              data_from: 'a1',
            },
          },
        ],
      },
      { text: '東京都が約41%を占めます。' },
    );

    const { outcome, steps } = await harness.run('都道府県別の売上構成比をグラフで');

    expect(provider.tools(0)).toEqual(expect.arrayContaining(['run_analysis', 'make_chart']));
    expect(sandbox.requests[0]!.inputs['sales']).toEqual([
      { prefecture: '東京都', sales: '247480' },
      { prefecture: '大阪府', sales: '246000' },
      { prefecture: '福岡県', sales: '125220' },
    ]);
    expect(renderer.calls[0]!.locale).toBe('ja');
    expect(renderer.calls[0]!.spec.data).toEqual([
      { prefecture: '東京都', share: 40 },
      { prefecture: '大阪府', share: 39.8 },
      { prefecture: '福岡県', share: 20.2 },
    ]);
    const { reply } = outcome;
    expect(reply.chart?.png).toEqual(PNG_SIGNATURE);
    expect(reply.chart?.altText).toBe('都道府県別の売上構成比（pie グラフ: 横軸 prefecture、値 share）');
    // The analysis came last, so its rows are the table; the SQL behind them stays in provenance.
    expect(reply.table?.columns).toEqual([
      { name: 'prefecture', type: 'STRING' },
      { name: 'share', type: 'FLOAT64' },
    ]);
    expect(reply.provenance?.sql).toEqual([SQL]);
    expect(steps.map((step) => step.finishedLabel)).toEqual([
      'クエリを実行しました（2.4 GB スキャン、3 行）',
      '分析コードを実行しました',
      'グラフを作成しました: 都道府県別の売上構成比',
    ]);
    const analysis = provider.messages(2).at(-1)!;
    expect(JSON.parse(analysis.text)).toMatchObject({ analysis_id: 'a1' });
  });

  it('tells the model when a chart names a field the data does not have, so it can fix it', async () => {
    const renderer = recordingRenderer();
    harness = await createHarness({ providers: [name], warehouse, renderChart: renderer.render });
    const provider = harness.providers[0]!;
    provider.script(
      { toolCalls: [{ name: 'execute_query', args: { sql: SQL } }] },
      {
        toolCalls: [
          {
            name: 'make_chart',
            args: { type: 'bar', title: 'Sales', x: 'pref', y: ['sales'], data_from: 'q1' },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: 'make_chart',
            args: { type: 'bar', title: 'Sales', x: 'prefecture', y: ['sales'], data_from: 'q1' },
          },
        ],
      },
      { text: 'Tokyo leads.' },
    );

    const { outcome } = await harness.run('Chart sales by prefecture');

    const refusal = provider.messages(2).at(-1)!;
    expect(refusal.isError).toBe(true);
    expect(refusal.text).toBe('Fields not in the data: pref. Available: prefecture, sales.');
    expect(renderer.calls).toHaveLength(1);
    expect(outcome.reply.chart?.spec.x).toBe('prefecture');
  });
});
