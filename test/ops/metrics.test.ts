/**
 * /metrics after one scripted question through the whole stack: the console posts it, the
 * worker runs the real agent against a fake OpenAI server (the real SDK), Kotae's own MCP
 * warehouse over the DuckDB demo refuses one statement and runs one query. An operator would
 * notice if the exposition stopped parsing (Managed Prometheus drops the whole scrape) or if
 * a counter moved by anything but what happened: one task, four model turns and their
 * tokens, three steps, one refusal, the bytes the query log recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { startFakeProvider, type FakeProvider } from '../support/agent/fake-providers.ts';
import { TOP_STORES_SQL } from '../support/agent/demo-agent.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { parsePrometheusText, sample, type Samples } from '../support/prometheus-text.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const MODEL = 'openai/gpt-4.1-mini';

describe('/metrics', () => {
  let db: TestDatabase;
  let provider: FakeProvider & { config: { openai?: { baseURL?: string } } };
  let kotae: Kotae;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    provider = await startFakeProvider('openai');
    kotae = await startTestKotae(db, {
      handler: null,
      env: {
        OPENAI_API_KEY: 'sk-test-openai',
        OPENAI_BASE_URL: provider.config.openai!.baseURL!,
        DUCKDB_PATH: await sharedDemoPath(),
      },
    });
  });
  afterAll(async () => {
    await kotae?.stop();
    await provider?.close();
    await db?.drop();
  });

  async function scrape(): Promise<Samples> {
    const response = await fetch(`${kotae.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return parsePrometheusText(await response.text());
  }

  it('parses as Prometheus text, with Node defaults and base units in the names', async () => {
    const samples = await scrape();
    expect(sample(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    for (const key of samples.keys()) {
      if (!key.startsWith('kotae_')) continue;
      expect(key).toMatch(/^kotae_[a-z_]+(_total|_seconds_(bucket|sum|count))\{/);
    }
  });

  it('parses two scrapes back to back, when the event-loop lag mean is Nan', async () => {
    // prom-client resets the event-loop histogram on every scrape, so a second scrape before
    // the next sample writes `Nan`, which Prometheus (Go's ParseFloat) accepts.
    const [first, second] = [await scrape(), await scrape()];
    expect(sample(first, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(second.has('nodejs_eventloop_lag_mean_seconds{}')).toBe(true);
  });

  it('moves each counter by what one scripted question did', async () => {
    const before = await scrape();
    provider.script(
      {
        toolCalls: [{ name: 'search_tables', args: { query: '売上 店舗' } }],
        usage: { input: 100, output: 10 },
      },
      {
        toolCalls: [{ name: 'execute_query', args: { sql: 'DELETE FROM retail.sales' } }],
        usage: { input: 200, output: 20 },
      },
      {
        toolCalls: [{ name: 'execute_query', args: { sql: TOP_STORES_SQL } }],
        usage: { input: 300, output: 30 },
      },
      { text: '2025年12月の売上上位5店舗です。', usage: { input: 400, output: 40 } },
    );
    const posted = await postQuestion(kotae, { channel: 'sales', text: '売上上位5店舗は？', locale: 'ja' });
    expect(posted.status).toBe(202);
    const taskId = String(posted.body['taskId']);
    await eventually(async () => (await kotae.stores.tasks.get(taskId))?.status === 'COMPLETED');
    const executed = await db.prisma.queryLog.findFirstOrThrow({ where: { taskId, verdict: 'EXECUTED' } });
    expect(Number(executed.bytesProcessed)).toBeGreaterThan(0);

    const after = await eventually(async () => {
      const samples = await scrape();
      // The request's own metric is observed when its response finished.
      return sample(samples, 'kotae_tasks_total', { kind: 'QUESTION', outcome: 'completed' }) >= 1 && samples;
    });
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(delta('kotae_tasks_total', { kind: 'QUESTION', outcome: 'completed' })).toBe(1);
    expect(delta('kotae_tasks_total', { kind: 'QUESTION', outcome: 'failed' })).toBe(0);
    expect(delta('kotae_task_duration_seconds_count', { kind: 'QUESTION', outcome: 'completed' })).toBe(1);
    expect(delta('kotae_queue_wait_seconds_count', { kind: 'QUESTION' })).toBe(1);
    // Time to answer as `/kotae usage` computes it: the task's creation to its completion.
    expect(delta('kotae_time_to_answer_seconds_count', { kind: 'QUESTION' })).toBe(1);
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    const answeredIn = (task.completedAt!.getTime() - task.createdAt.getTime()) / 1000;
    expect(delta('kotae_time_to_answer_seconds_sum', { kind: 'QUESTION' })).toBeCloseTo(answeredIn, 1);
    expect(delta('kotae_time_to_answer_seconds_bucket', { kind: 'QUESTION', le: '5' })).toBe(
      answeredIn <= 5 ? 1 : 0,
    );

    expect(delta('kotae_llm_calls_total', { model: MODEL, outcome: 'ok' })).toBe(4);
    expect(delta('kotae_llm_tokens_total', { model: MODEL, direction: 'input' })).toBe(1000);
    expect(delta('kotae_llm_tokens_total', { model: MODEL, direction: 'output' })).toBe(100);
    expect(delta('kotae_llm_call_duration_seconds_count', { model: MODEL })).toBe(4);

    expect(delta('kotae_agent_steps_total', { tool: 'search_tables', outcome: 'ok' })).toBe(1);
    expect(delta('kotae_agent_steps_total', { tool: 'execute_query', outcome: 'error' })).toBe(1);
    expect(delta('kotae_agent_steps_total', { tool: 'execute_query', outcome: 'ok' })).toBe(1);

    expect(delta('kotae_warehouse_refusals_total', { backend: 'duckdb', reason: 'statement' })).toBe(1);
    expect(delta('kotae_warehouse_queries_total', { backend: 'duckdb', verdict: 'executed' })).toBe(1);
    expect(delta('kotae_warehouse_bytes_processed_total', { backend: 'duckdb' })).toBe(
      Number(executed.bytesProcessed),
    );

    expect(
      delta('kotae_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/console/messages',
        status: '202',
      }),
    ).toBe(1);
    expect(
      delta('kotae_platform_api_calls_total', { platform: 'console', operation: 'update', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(delta('kotae_platform_rate_limited_total', { platform: 'console' })).toBe(0);
  });

  it('checks the warehouse in /readyz once a task opened it', async () => {
    // The question above opened the DuckDB demo backend, so readiness now covers it too.
    const response = await fetch(`${kotae.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', queue: 'ok', warehouse: 'ok' },
    });
  });
});
