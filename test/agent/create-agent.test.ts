/**
 * The agent end to end below the worker: a question goes in, the real OpenAI or Gemini SDK
 * talks to a fake vendor server that scripts the model's turns, the tools run on a real MCP
 * warehouse (DuckDB), and a Reply comes out. Every scenario runs on both providers. If one
 * breaks, users get wrong or missing answers, lose their steps, or wait on a hung task.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/translate.ts';
import type { ThreadTurnView } from '../../src/core/ports/task-handler.ts';
import type { RecordedRequest, ScriptedReply } from '../fakes/llm-script.ts';
import { createHarness, type Harness } from '../support/agent/agent-harness.ts';
import { startDemoWarehouse, type DemoWarehouse } from '../support/agent/demo-warehouse.ts';
import { MODEL_IDS, type FakeProvider, type ProviderName } from '../support/agent/fake-providers.ts';

const SALES_BY_STORE =
  'SELECT s.store_name, SUM(o.amount) AS sales FROM retail.orders o JOIN retail.stores s USING (store_id) ' +
  'GROUP BY s.store_name ORDER BY sales DESC';

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

/** The model's final turn, written from the last tool result it received (as a model would). */
function answerFromLastResult(provider: () => FakeProvider, sql: string) {
  return (request: RecordedRequest): ScriptedReply => {
    const tool = provider()
      .messagesOf(request)
      .filter((message) => message.role === 'tool')
      .at(-1)!;
    const result = JSON.parse(tool.text) as { rows: Array<[string, string]> };
    const [name, sales] = result.rows[0]!;
    return {
      text: `売上が最も多いのは${name}で、${sales}円でした。\n\`\`\`sql\n${sql}\n\`\`\``,
      usage: { input: 900, output: 60 },
    };
  };
}

describe.each<ProviderName>(['openai', 'gemini'])('createAgent with %s', (name) => {
  const other: ProviderName = name === 'openai' ? 'gemini' : 'openai';

  it('answers a Japanese question through list_tables → describe_table → execute_query, with steps, SQL and rows', async () => {
    harness = await createHarness({ providers: [name], warehouse });
    const provider = harness.providers[0]!;
    provider.script(
      {
        toolCalls: [{ name: 'list_tables', args: { dataset: 'retail' } }],
        usage: { input: 500, output: 20 },
      },
      {
        toolCalls: [{ name: 'describe_table', args: { table: 'retail.orders' } }],
        usage: { input: 600, output: 20 },
      },
      {
        toolCalls: [{ name: 'execute_query', args: { sql: SALES_BY_STORE } }],
        usage: { input: 800, output: 40 },
      },
      answerFromLastResult(() => provider, SALES_BY_STORE),
    );
    const opened = warehouse.sessions.opened;

    // The asker's locale is English; the question itself is Japanese and wins (decided as intake
    // decides, and stored on the task).
    const { outcome, steps } = await harness.run('先月の店舗ごとの売上を教えて');

    const { reply } = outcome;
    expect(reply.kind).toBe('answer');
    expect(reply.locale).toBe('ja');
    expect(reply.text).toContain('売上が最も多いのは新宿店で、126700円でした。');
    expect(reply.table?.columns.map((column) => column.name)).toEqual(['store_name', 'sales']);
    expect(reply.table?.rows).toHaveLength(5);
    expect(reply.table?.rows[0]).toEqual(['新宿店', '126700']);
    expect(reply.provenance).toMatchObject({
      sql: [SALES_BY_STORE],
      rows: 5,
      model: MODEL_IDS[name],
      jobIds: [expect.any(String)],
    });
    expect(reply.provenance?.bytesProcessed).toBeGreaterThan(0);
    expect(reply.actions).toEqual([
      { kind: 'show_sql', taskId: 'task-1' },
      { kind: 'feedback', taskId: 'task-1', value: 'up' },
      { kind: 'feedback', taskId: 'task-1', value: 'down' },
    ]);
    expect(steps.map((step) => [step.label, step.finished])).toEqual([
      ['テーブルを一覧しています: retail', true],
      ['テーブルの構造を確認しています: retail.orders', true],
      ['クエリを実行しています', true],
    ]);
    expect(steps[2]!.finishedLabel).toBe('クエリを実行: 2.4 GB スキャン、5 行');
    expect(outcome.usage).toEqual({ inputTokens: 2800, outputTokens: 140, model: MODEL_IDS[name] });
    expect(outcome.turn?.sql).toEqual([SALES_BY_STORE]);
    expect(outcome.turn?.resultSummary).toContain('5 row(s); columns: store_name (VARCHAR), sales (HUGEINT)');

    // What the model was told: the dialect, the date in Tokyo, the language, and the tools.
    const system = provider.system(0);
    expect(system).toContain('SQL dialect: DuckDB');
    expect(system).toContain('2026-01-05 (Monday) 09:30, Asia/Tokyo');
    expect(system).toContain('Answer in Japanese');
    expect(provider.tools(0)).toEqual([
      'list_datasets',
      'list_tables',
      'search_tables',
      'describe_table',
      'dry_run',
      'execute_query',
    ]);
    // Each result went back to the model; the query result under its id.
    const seen = provider.messages(3);
    expect(seen.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(seen[0]!.text).toBe('先月の店舗ごとの売上を教えて');
    expect(JSON.parse(seen[6]!.text)).toMatchObject({ result_id: 'q1', total_rows: 5 });
    expect(provider.remaining()).toBe(0);
    expect(warehouse.sessions.closed).toBe(opened + 1);
  });

  it('sends the previous turn (question, answer, SQL) with a follow-up', async () => {
    harness = await createHarness({ providers: [name], warehouse });
    const provider = harness.providers[0]!;
    provider.script({ text: '都道府県別では東京都が247480円で最多です。' });
    const history: ThreadTurnView[] = [
      {
        question: '店舗ごとの売上を教えて',
        answer: '売上が最も多いのは新宿店で、126700円でした。',
        sql: [SALES_BY_STORE],
        resultSummary: '5 row(s); columns: store_name (VARCHAR), sales (HUGEINT)',
        createdAt: new Date('2026-01-05T00:10:00Z'),
      },
    ];

    const { outcome } = await harness.run('都道府県別では？', { history });

    expect(outcome.reply.text).toBe('都道府県別では東京都が247480円で最多です。');
    const seen = provider.messages(0);
    expect(seen.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(seen[0]!.text).toBe('店舗ごとの売上を教えて');
    expect(seen[1]!.text).toContain('売上が最も多いのは新宿店で、126700円でした。');
    expect(seen[1]!.text).toContain(SALES_BY_STORE);
    expect(seen[1]!.text).toContain('5 row(s)');
    expect(seen[2]!.text).toBe('都道府県別では？');
  });

  it('lets the model read a SQL error, correct the query and answer', async () => {
    harness = await createHarness({ providers: [name], warehouse });
    const provider = harness.providers[0]!;
    const bad = 'SELECT store, SUM(amount) FROM retail.orders GROUP BY store';
    const good =
      'SELECT store_id, SUM(amount) AS sales FROM retail.orders GROUP BY store_id ORDER BY sales DESC';
    provider.script(
      { toolCalls: [{ name: 'execute_query', args: { sql: bad } }] },
      (request) => {
        const error = provider.messagesOf(request).at(-1)!;
        // The model only corrects the query if it was shown DuckDB's error as an error.
        return error.isError && error.text.includes('Referenced column "store" not found')
          ? { toolCalls: [{ name: 'execute_query', args: { sql: good } }] }
          : { text: 'I did not see the error.' };
      },
      { text: 'Store 1 sells the most.' },
    );

    const { outcome, steps } = await harness.run('Which store sells the most?');

    expect(outcome.reply.text).toBe('Store 1 sells the most.');
    expect(outcome.reply.provenance?.sql).toEqual([good]);
    expect(steps.map((step) => step.finishedLabel)).toEqual([
      'Running the query failed',
      'Queried 1.2 GB, 5 rows',
    ]);
    expect(steps[0]!.error).toContain('Binder Error');
    expect(warehouse.executed.slice(-2)).toEqual([bad, good]);
  });

  it('retries a rate-limited turn (429) and then answers', async () => {
    harness = await createHarness({ providers: [name], warehouse });
    const provider = harness.providers[0]!;
    provider.script(
      { error: { status: 429, retryAfterSeconds: 1 } },
      { text: 'No data needed for this one.' },
    );

    const { outcome } = await harness.run('Say hello');

    expect(outcome.reply.text).toBe('No data needed for this one.');
    expect(provider.requestCount()).toBe(2);
    expect(harness.sleeps).toEqual([1000]);
  });

  it(`falls back to ${other} when ${name} keeps failing with 500, and says which model answered`, async () => {
    harness = await createHarness({ providers: [name, other], warehouse, maxAttempts: 2 });
    const [primary, secondary] = harness.providers as [FakeProvider, FakeProvider];
    primary.script({ error: { status: 500 } }, { error: { status: 500 } });
    secondary.script(
      { toolCalls: [{ name: 'execute_query', args: { sql: SALES_BY_STORE } }] },
      answerFromLastResult(() => secondary, SALES_BY_STORE),
    );

    const { outcome } = await harness.run('店舗別の売上は？');

    expect(outcome.reply.text).toContain('新宿店');
    expect(outcome.reply.provenance?.model).toBe(MODEL_IDS[other]);
    expect(outcome.usage?.model).toBe(MODEL_IDS[other]);
    expect(primary.requestCount()).toBe(2);
    // The failed model cools down: the second turn went straight to the one that works.
    expect(secondary.requestCount()).toBe(2);
  });

  it(`hands a task over to ${other} mid-way, with ${name}'s tool calls and results in the history`, async () => {
    harness = await createHarness({ providers: [name, other], warehouse, maxAttempts: 2 });
    const [primary, secondary] = harness.providers as [FakeProvider, FakeProvider];
    primary.script(
      { toolCalls: [{ name: 'execute_query', args: { sql: SALES_BY_STORE } }] },
      { error: { status: 503 } },
      { error: { status: 503 } },
    );
    secondary.script(answerFromLastResult(() => secondary, SALES_BY_STORE));

    const { outcome } = await harness.run('店舗別の売上は？');

    expect(outcome.reply.text).toContain('新宿店');
    expect(outcome.reply.provenance?.model).toBe(MODEL_IDS[other]);
    // The other vendor accepted the first vendor's turn (its fake checks ids and signatures).
    expect(secondary.messages(0).map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(secondary.messages(0)[1]!.toolCalls).toEqual(['execute_query']);
  });

  it('fails with a clear message when no provider is left', async () => {
    harness = await createHarness({ providers: [name, other], warehouse, maxAttempts: 2 });
    for (const provider of harness.providers)
      provider.script(...Array.from({ length: 2 }, () => ({ error: { status: 503 } })));

    const error = await harness.run('売上は？').catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'llm_unavailable',
      retryable: false,
      userMessage: 'agent.llm.unavailable',
    });
    const { userMessage, userParams } = error as {
      userMessage: 'agent.llm.unavailable';
      userParams: Record<string, string>;
    };
    expect(t('ja', userMessage, userParams)).toBe(
      `LLM（${MODEL_IDS[other]}）に接続できませんでした。しばらくしてからもう一度お試しください。`,
    );
    expect(harness.providers.map((provider) => provider.requestCount())).toEqual([2, 2]);
  });

  it('stops at the time budget when every provider hangs, and says so', async () => {
    harness = await createHarness({ providers: [name, other], warehouse, budgets: { wallClockMs: 400 } });
    for (const provider of harness.providers) provider.script({ hang: true }, { hang: true }, { hang: true });

    const { outcome } = await harness.run('売上は？');

    expect(outcome.reply.kind).toBe('error');
    expect(outcome.reply.text).toBe(t('ja', 'agent.budget.time', { duration: '400 ミリ秒' }));
  });

  it('stops with a clear message when the step budget runs out', async () => {
    harness = await createHarness({ providers: [name], warehouse, budgets: { maxSteps: 2 } });
    const provider = harness.providers[0]!;
    const again = {
      toolCalls: [{ name: 'execute_query', args: { sql: 'SELECT COUNT(*) AS n FROM retail.orders' } }],
    };
    provider.script(again, again, again, again);

    const { outcome, steps } = await harness.run('How many orders are there?');

    expect(outcome.reply.kind).toBe('error');
    expect(outcome.reply.text).toBe(
      'I stopped after reaching the step limit (2 tool calls). Try a narrower question.\n\nBelow is what I found so far.',
    );
    expect(outcome.reply.table?.rows).toEqual([['200']]);
    expect(steps).toHaveLength(2);
    expect(provider.requestCount()).toBe(3);
  });

  it('stops when the token budget is spent', async () => {
    harness = await createHarness({ providers: [name], warehouse, budgets: { maxTokens: 1_000 } });
    const provider = harness.providers[0]!;
    provider.script(
      {
        toolCalls: [{ name: 'list_tables', args: { dataset: 'retail' } }],
        usage: { input: 950, output: 80 },
      },
      { text: 'never asked' },
    );

    const { outcome } = await harness.run('List the tables');

    expect(outcome.reply.text).toBe(
      'I stopped after reaching the LLM token limit (1,000 tokens). Try a narrower question.',
    );
    expect(outcome.usage).toMatchObject({ inputTokens: 950, outputTokens: 80 });
    expect(provider.requestCount()).toBe(1);
  });
});

describe('createAgent when the warehouse cannot be reached', () => {
  it('stops at the time budget instead of waiting forever, and closes the connection if it comes late', async () => {
    const { createAgent } = await import('../../src/agent/create-agent.ts');
    const { createModelResolver } = await import('../../src/agent/models/model-resolver.ts');
    const { createTestContext } = await import('../support/agent/task-context.ts');
    const { createManualClock } = await import('../../src/core/clock.ts');
    let arrive: () => void = () => {};
    const closedBefore = warehouse.sessions.closed;
    const agent = createAgent({
      resolveModel: createModelResolver({
        openai: { apiKey: 'sk-unused', defaultModel: 'gpt-4.1-mini' },
        chain: [],
      }),
      openWarehouse: () =>
        new Promise((resolve) => {
          arrive = () => void warehouse.connect().then(resolve);
        }),
      clock: createManualClock(),
      budgets: { maxSteps: 5, maxTokens: 10_000, wallClockMs: 200 },
    });
    const { context } = createTestContext({ question: 'How many stores?' });

    const outcome = await agent.run(context);

    expect(outcome.reply).toMatchObject({
      kind: 'error',
      text: t('en', 'agent.budget.time', { duration: '200 ms' }),
    });
    arrive();
    await expect.poll(() => warehouse.sessions.closed).toBe(closedBefore + 1);
  });
});

describe('createAgent without a provider', () => {
  it('tells the user exactly what to configure', async () => {
    const { createAgent } = await import('../../src/agent/create-agent.ts');
    const { createModelResolver } = await import('../../src/agent/models/model-resolver.ts');
    const { createTestContext } = await import('../support/agent/task-context.ts');
    const { createManualClock } = await import('../../src/core/clock.ts');
    const agent = createAgent({
      resolveModel: createModelResolver({ chain: [] }),
      openWarehouse: () => warehouse.connect(),
      clock: createManualClock(),
      budgets: { maxSteps: 5, maxTokens: 10_000, wallClockMs: 5_000 },
    });
    const { context } = createTestContext({ question: '売上は？' });

    await expect(agent.run(context)).rejects.toMatchObject({
      code: 'llm_not_configured',
      userMessage: 'llm.notConfigured',
    });
  });
});
