/**
 * run_analysis and make_chart as the agent offers them, on the real QuickJS sandbox and the
 * real Chart.js renderer: results travel by id (q1 → the sandbox, a1 → the chart), never
 * through the model, and the chart lands in the reply. If this breaks, analyses get the
 * wrong rows, their errors never reach the model, and charts go missing from answers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/core/chart-spec.ts';
import type { Locale } from '../../src/core/locale.ts';
import type { Sandbox } from '../../src/core/ports/sandbox.ts';
import { renderChart } from '../../src/render/chart/render-chart.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import { createHarness, type Harness } from '../support/agent/agent-harness.ts';
import { startDemoWarehouse, type DemoWarehouse } from '../support/agent/demo-warehouse.ts';
import type { ProviderName } from '../support/agent/fake-providers.ts';
import { pngSize } from '../support/png-pixels.ts';

const SQL =
  'SELECT s.prefecture, SUM(o.amount) AS sales FROM retail.orders o JOIN retail.stores s USING (store_id) GROUP BY 1 ORDER BY 2 DESC';
const SHARES =
  "const total = sum(inputs.sales, 'sales');\n" +
  'return inputs.sales.map((row) => ({ prefecture: row.prefecture, share: Math.round((row.sales / total) * 1000) / 10 }));';

let warehouse: DemoWarehouse;
let sandbox: Sandbox;
let harness: Harness | undefined;
beforeAll(async () => {
  warehouse = await startDemoWarehouse();
  sandbox = createSandbox({ poolSize: 1 });
});
afterAll(async () => {
  await Promise.all([warehouse.close(), sandbox.close()]);
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The real renderer, recording what it was asked to draw. */
function recordingRenderer() {
  const calls: Array<{ spec: ChartSpec; locale: Locale }> = [];
  return {
    calls,
    render: async (spec: ChartSpec, options: { locale: Locale; timeZone: string }) => {
      calls.push({ spec, locale: options.locale });
      return await renderChart(spec, options);
    },
  };
}

describe.each<ProviderName>(['openai', 'gemini'])('local tools with %s', (name) => {
  it('runs analysis over query rows by id, lets the model fix its code, and charts the result into the reply', async () => {
    const renderer = recordingRenderer();
    harness = await createHarness({ providers: [name], warehouse, sandbox, renderChart: renderer.render });
    const provider = harness.providers[0]!;
    provider.script(
      { toolCalls: [{ name: 'execute_query', args: { sql: SQL } }] },
      // A typo first: the sandbox's error must reach the model.
      {
        toolCalls: [
          {
            name: 'run_analysis',
            args: { code: 'return inputs.sale.map((row) => row);', inputs: { sales: 'q1' } },
          },
        ],
      },
      (request) => {
        const error = provider.messagesOf(request).at(-1)!;
        return error.isError && error.text.includes('line 1')
          ? { toolCalls: [{ name: 'run_analysis', args: { code: SHARES, inputs: { sales: 'q1' } } }] }
          : { text: 'I did not see the error.' };
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
              // The headers people read in the answer's table.
              column_labels: { prefecture: '都道府県', share: '構成比 (%)' },
            },
          },
        ],
      },
      { text: '東京都が40%を占めます。' },
    );

    const { outcome, steps } = await harness.run('都道府県別の売上構成比をグラフで');

    expect(provider.tools(0)).toEqual(expect.arrayContaining(['run_analysis', 'make_chart']));
    expect(renderer.calls[0]!.locale).toBe('ja');
    expect(renderer.calls[0]!.spec.data).toEqual([
      { prefecture: '東京都', share: 40 },
      { prefecture: '大阪府', share: 39.8 },
      { prefecture: '福岡県', share: 20.2 },
    ]);
    const { reply } = outcome;
    expect(reply.text).toBe('東京都が40%を占めます。');
    expect(pngSize(reply.chart!.png)).toEqual({ width: 800, height: 450 });
    expect(reply.chart?.altText).toContain('都道府県別の売上構成比');
    expect(reply.chart?.altText).toContain('東京都');
    // The analysis came last, so its rows are the table; the SQL behind them stays in provenance.
    expect(reply.table?.columns).toEqual([
      { name: 'prefecture', type: 'STRING', label: '都道府県' },
      { name: 'share', type: 'FLOAT64', label: '構成比 (%)' },
    ]);
    expect(reply.provenance?.sql).toEqual([SQL]);
    expect(steps.map((step) => step.finishedLabel)).toEqual([
      'クエリを実行: 2.4 GB スキャン、3 行',
      '分析コードの実行に失敗しました',
      '分析コードを実行しました',
      'グラフを作成しました: 都道府県別の売上構成比',
    ]);
    const analysis = provider.messages(3).at(-1)!;
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
    expect(pngSize(outcome.reply.chart!.png).width).toBe(800);
  });
});
