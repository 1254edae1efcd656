/**
 * One question, one trace: the console request (ingress), the worker's run of the task it
 * queued, the model's turns and the tool calls, with the database and the model's HTTP
 * calls beneath them, collected by an in-process OTLP receiver from the real exporter.
 * An operator would notice if the worker started a new trace (the answer could not be
 * followed back to its request in Cloud Trace) or if spans stopped being exported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { startTracing, type Tracing } from '../../src/app/telemetry/tracing.ts';
import { startFakeProvider, type FakeProvider } from '../support/agent/fake-providers.ts';
import { TOP_STORES_SQL } from '../support/agent/demo-agent.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

describe('traces', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: Tracing;
  let db: TestDatabase;
  let provider: FakeProvider & { config: { openai?: { baseURL?: string } } };
  let kotae: Kotae;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = startTracing({ serviceName: 'kotae-test', endpoint: receiver.endpoint });
    db = await createTestDatabase('postgres');
    provider = await startFakeProvider('openai');
    kotae = await startTestKotae(db, {
      handler: null,
      tracer: tracing.tracer,
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
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('follows a question from the ack to the answer in one trace', async () => {
    provider.script(
      { toolCalls: [{ name: 'search_tables', args: { query: '売上 店舗' } }] },
      { toolCalls: [{ name: 'execute_query', args: { sql: TOP_STORES_SQL } }] },
      { text: '2025年12月の売上上位5店舗です。' },
    );
    const posted = await postQuestion(kotae, { channel: 'sales', text: '売上上位5店舗は？', locale: 'ja' });
    expect(posted.status).toBe(202);
    const taskId = String(posted.body['taskId']);
    await eventually(async () => (await kotae.stores.tasks.get(taskId))?.status === 'COMPLETED');

    const task = await eventually(async () => {
      await tracing.flush();
      return receiver.spans.find(
        (span) => span.name === 'kotae.task' && span.attributes['kotae.task.id'] === taskId,
      );
    });
    const trace = receiver.spans.filter((span) => span.traceId === task.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);

    // The ingress span: the console's POST, named by its route, is the worker span's parent.
    const ingress = parentOf(task)!;
    expect(ingress).toMatchObject({
      name: 'POST /api/console/messages',
      kind: SERVER,
      service: 'kotae-test',
    });
    expect(ingress.attributes['http.route']).toBe('/api/console/messages');
    expect(task.kind).toBe(CONSUMER);
    // The task row carries the same trace, whichever delivery runs it.
    expect((await kotae.stores.tasks.get(taskId))?.traceContext).toContain(task.traceId);

    // The tool calls and the model's turns run inside the worker span.
    const tools = trace.filter((span) => span.name.startsWith('tool '));
    expect(tools.map((span) => span.name)).toEqual(['tool search_tables', 'tool execute_query']);
    for (const tool of tools) expect(tool.parentSpanId).toBe(task.spanId);
    const turns = trace.filter((span) => span.name === 'llm openai/gpt-4.1-mini');
    expect(turns).toHaveLength(3);
    for (const turn of turns) expect(turn.parentSpanId).toBe(task.spanId);

    // Beneath them: fetch (undici) calls to the model's API, and pg queries of both sides.
    const modelCalls = trace.filter(
      (span) => span.kind === CLIENT && parentOf(span)?.name.startsWith('llm '),
    );
    expect(modelCalls).toHaveLength(3);
    const queries = trace.filter(
      (span) =>
        span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql',
    );
    expect(queries.some((span) => span.parentSpanId === ingress.spanId)).toBe(true);
    expect(queries.some((span) => span.parentSpanId === task.spanId)).toBe(true);
  });
});
