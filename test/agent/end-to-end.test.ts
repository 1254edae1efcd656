/**
 * A question typed into the local console, all the way through: console API → intake →
 * in-process queue → worker → agent (real OpenAI / Gemini SDK against a fake vendor
 * server; a real MCP warehouse) → the answer replacing the placeholder in the thread, the
 * turn stored, and a follow-up in the same thread carrying it to the model. PostgreSQL is
 * the machine's. If this breaks, people asking in the console get no answer, or follow-ups
 * forget the thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../../src/agent/create-agent.ts';
import { createModelResolver } from '../../src/agent/models/model-resolver.ts';
import type { ModelsConfig } from '../../src/agent/models/model-resolver.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { loadConfig } from '../../src/config/config.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { MessageContent } from '../../src/core/ports/chat-platform.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startDemoWarehouse, type DemoWarehouse } from '../support/agent/demo-warehouse.ts';
import { startFakeProvider, type FakeProvider, type ProviderName } from '../support/agent/fake-providers.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const SQL =
  'SELECT s.store_name, SUM(o.amount) AS sales FROM retail.orders o JOIN retail.stores s USING (store_id) ' +
  'GROUP BY s.store_name ORDER BY sales DESC';
const SQL_BY_PREFECTURE =
  'SELECT s.prefecture, SUM(o.amount) AS sales FROM retail.orders o JOIN retail.stores s USING (store_id) ' +
  'GROUP BY s.prefecture ORDER BY sales DESC';

let database: TestDatabase;
let warehouse: DemoWarehouse;
beforeAll(async () => {
  [database, warehouse] = await Promise.all([createTestDatabase('postgres'), startDemoWarehouse()]);
});
afterAll(async () => {
  await Promise.all([database?.drop(), warehouse?.close()]);
});

/** Kotae as `kotae dev` runs it, with the agent as the question handler, configured from the environment. */
async function startWith(provider: FakeProvider & { config: Partial<ModelsConfig> }): Promise<Kotae> {
  const vendorEnv =
    provider.name === 'openai'
      ? { OPENAI_API_KEY: 'sk-test-openai', OPENAI_BASE_URL: provider.config.openai!.baseURL! }
      : { GEMINI_API_KEY: 'gm-test-gemini', GEMINI_BASE_URL: provider.config.gemini!.baseUrl! };
  const config = loadConfig(vendorEnv);
  const resolveModel = createModelResolver(config.models);
  const agent = createAgent({
    resolveModel,
    openWarehouse: () => warehouse.connect(),
    clock: systemClock,
    budgets: config.agent,
  });
  return await startTestKotae(database, { handler: agent });
}

async function ask(
  kotae: Kotae,
  text: string,
  thread?: string,
): Promise<{ threadId: string; taskId: string }> {
  const response = await postQuestion(kotae, {
    channel: 'sales',
    text,
    locale: 'ja',
    ...(thread ? { thread } : {}),
  });
  expect(response.status).toBe(202);
  return response.body as { threadId: string; taskId: string };
}

async function finished(kotae: Kotae, taskId: string): Promise<string> {
  return await eventually(async () => {
    const task = await kotae.stores.tasks.get(taskId);
    return task && (task.status === 'COMPLETED' || task.status === 'FAILED') ? task.status : undefined;
  });
}

describe.each<ProviderName>(['openai', 'gemini'])(
  'a console question answered by the agent on %s',
  (name) => {
    it('answers in the thread, then carries the turn into a follow-up', async () => {
      const provider = await startFakeProvider(name);
      const kotae = await startWith(provider);
      try {
        provider.script(
          { toolCalls: [{ name: 'search_tables', args: { query: 'orders stores' } }] },
          { toolCalls: [{ name: 'describe_table', args: { table: 'retail.orders' } }] },
          { toolCalls: [{ name: 'execute_query', args: { sql: SQL } }] },
          { text: `売上が最も多いのは新宿店（126700円）です。\n\`\`\`sql\n${SQL}\n\`\`\`` },
        );
        const first = await ask(kotae, '店舗ごとの売上を教えて');
        expect(await finished(kotae, first.taskId)).toBe('COMPLETED');

        const records = await kotae.stores.consoleMessages.listThread('sales', first.threadId);
        const bot = records.filter((record) => record.author !== 'user');
        // One bot message: the placeholder, replaced by the answer.
        expect(bot).toHaveLength(1);
        const content = bot[0]!.content as MessageContent;
        expect(content.kind).toBe('reply');
        if (content.kind !== 'reply') return;
        expect(content.reply.text).toContain('新宿店（126700円）');
        expect(content.reply.table?.rows[0]).toEqual(['新宿店', '126700']);
        expect(content.reply.provenance?.sql).toEqual([SQL]);
        const steps = await kotae.stores.steps.list(first.taskId);
        expect(steps.map((step) => [step.label, step.status])).toEqual([
          ['テーブルを検索: 2 件 (retail.stores ほか)', 'DONE'],
          ['テーブルの構造を確認: retail.orders (4 列)', 'DONE'],
          ['クエリを実行: 2.4 GB スキャン、5 行', 'DONE'],
        ]);
        // No ✅ line still says it is in progress, end to end.
        const doneLines = steps.filter((step) => step.status === 'DONE').map((step) => step.label);
        expect(doneLines.filter((label) => /しています|ing\b/.test(label))).toEqual([]);

        const turnsBefore = provider.requestCount();
        provider.script(
          { toolCalls: [{ name: 'execute_query', args: { sql: SQL_BY_PREFECTURE } }] },
          { text: '都道府県別では東京都（247480円）が最多です。' },
        );
        const second = await ask(kotae, '都道府県別では？', first.threadId);
        expect(await finished(kotae, second.taskId)).toBe('COMPLETED');

        const followUp = provider.messages(turnsBefore);
        expect(followUp.slice(0, 3).map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
        expect(followUp[0]!.text).toBe('店舗ごとの売上を教えて');
        expect(followUp[1]!.text).toContain('新宿店（126700円）');
        expect(followUp[1]!.text).toContain(SQL);
        expect(followUp[2]!.text).toBe('都道府県別では？');
        const answer = (await kotae.stores.consoleMessages.listThread('sales', first.threadId)).at(-1)!
          .content as MessageContent;
        expect(answer.kind === 'reply' && answer.reply.table?.rows[0]).toEqual(['東京都', '247480']);
      } finally {
        await kotae.stop();
        await provider.close();
      }
    });
  },
);
