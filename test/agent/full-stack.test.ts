/**
 * Everything real but the LLM: a question in the console goes through intake, the queue and
 * the worker to the agent, whose model (the real OpenAI / Gemini SDK against a fake vendor
 * server) searches, describes, dry-runs and queries Kotae's own MCP warehouse server over
 * the generated DuckDB demo estate, computes shares in the QuickJS sandbox and draws a
 * Chart.js chart; the answer with its table and chart replaces the placeholder in the
 * console thread, and the chart is served at its signed URL. If this breaks, the product's
 * main path is broken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelsConfig } from '../../src/agent/models/model-resolver.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import type { MessageContent } from '../../src/core/ports/chat-platform.ts';
import type { Sandbox } from '../../src/core/ports/sandbox.ts';
import { connectWarehouse } from '../../src/mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import type { RecordedRequest, ScriptedReply } from '../fakes/llm-script.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { demoPolicy, sharedDemoPath } from '../support/demo-warehouse.ts';
import { startFakeProvider, type FakeProvider, type ProviderName } from '../support/agent/fake-providers.ts';
import { pngSize } from '../support/png-pixels.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';
import { createDemoAgent, TOP_STORES_SQL, topStoresChartTurns } from '../support/agent/demo-agent.ts';

let database: TestDatabase;
let backend: WarehouseBackend;
let sandbox: Sandbox;
beforeAll(async () => {
  [database, backend] = await Promise.all([
    createTestDatabase('postgres'),
    sharedDemoPath().then((path) => createDuckDbBackend({ path })),
  ]);
  sandbox = createSandbox({ poolSize: 1 });
});
afterAll(async () => {
  await Promise.all([database?.drop(), sandbox?.close(), backend?.close()]);
});

async function startWith(provider: FakeProvider & { config: Partial<ModelsConfig> }): Promise<Kotae> {
  const agent = createDemoAgent({ models: provider.config, backend, sandbox });
  return await startTestKotae(database, { handler: agent });
}

/** The model's answer, written from the last query result it was shown. */
function answerFromQuery(provider: () => FakeProvider) {
  return (request: RecordedRequest): ScriptedReply => {
    const query = provider()
      .messagesOf(request)
      .filter((message) => message.role === 'tool' && message.text.includes('"result_id"'))
      .at(-1)!;
    const [store, sales] = (JSON.parse(query.text) as { rows: Array<[string, number | string]> }).rows[0]!;
    return {
      text: `2025年12月の売上1位は${store}（${sales}円）です。\n\`\`\`sql\n${TOP_STORES_SQL}\n\`\`\``,
    };
  };
}

describe.each<ProviderName>(['openai', 'gemini'])('the whole stack with %s as the model', (name) => {
  it('answers with a table and a chart from the demo warehouse', async () => {
    const provider = await startFakeProvider(name);
    const kotae = await startWith(provider);
    try {
      provider.script(
        ...topStoresChartTurns(),
        answerFromQuery(() => provider),
      );

      const posted = await postQuestion(kotae, {
        channel: 'sales',
        text: '2025年12月の売上上位5店舗は？',
        locale: 'ja',
      });
      expect(posted.status).toBe(202);
      const { taskId, threadId } = posted.body as { taskId: string; threadId: string };
      const status = await eventually(async () => {
        const task = await kotae.stores.tasks.get(taskId);
        return task && (task.status === 'COMPLETED' || task.status === 'FAILED') ? task.status : undefined;
      }, 60_000);
      expect(status).toBe('COMPLETED');

      // The ground truth, asked of the same warehouse directly.
      const direct = await connectWarehouse(
        createWarehouseServer({ backend, policy: demoPolicy(), context: {} }),
      );
      const truth = (await direct.callTool('execute_query', { sql: TOP_STORES_SQL })).data as {
        rows: Array<[string, number]>;
      };
      await direct.close();

      const records = await kotae.stores.consoleMessages.listThread('sales', threadId);
      const content = records.at(-1)!.content as MessageContent;
      expect(content.kind).toBe('reply');
      if (content.kind !== 'reply') return;
      const { reply } = content;
      expect(reply.text).toContain(
        `2025年12月の売上1位は${truth.rows[0]![0]}（${truth.rows[0]![1]}円）です。`,
      );
      expect(reply.provenance?.sql).toEqual([TOP_STORES_SQL]);
      expect(reply.provenance?.model).toBe(
        name === 'openai' ? 'openai/gpt-4.1-mini' : 'gemini/gemini-2.5-flash',
      );
      // The analysis came last, so the table shows the shares of the five stores.
      expect(reply.table?.rows.map((row) => row[0])).toEqual(truth.rows.map((row) => row[0]));
      const shares = reply.table!.rows.map((row) => Number(row[1]));
      expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(100, 0);
      expect(reply.chart?.altText).toContain('上位5店舗の売上構成比');
      // The chart was uploaded to the console and is served as a PNG at its signed URL.
      expect(content.chart?.url).toEqual(expect.any(String));
      // The console links charts by a signed path on its own origin.
      expect(content.chart!.url).toMatch(/^\/charts\//);
      const image = await fetch(new URL(content.chart!.url!, kotae.url));
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(pngSize(new Uint8Array(await image.arrayBuffer()))).toEqual({ width: 800, height: 450 });

      const steps = await kotae.stores.steps.list(taskId);
      expect(steps.map((step) => step.status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
      expect(steps[0]!.label).toBe('テーブルを検索: 7 件 (retail.stores ほか)');
      expect(steps[2]!.label).toMatch(/^クエリを検証: .+ をスキャン予定$/);
      expect(steps[3]!.label).toMatch(/^クエリを実行: .+ スキャン、5 行$/);
      expect(steps[5]!.label).toBe('グラフを作成しました: 上位5店舗の売上構成比');
    } finally {
      await kotae.stop();
      await provider.close();
    }
  });
});
