/**
 * The bot's own overhead from question to reply, with a model that answers instantly: the
 * agent loop (prompt, thread memory, tool runs, steps, reply) over a scripted four-turn
 * task (list_tables → describe_table → execute_query → answer) with in-process warehouse
 * tools. Measured three ways, side by side:
 *  - in-process: a scripted ChatModel behind the port, so only the agent's own work counts;
 *  - openai-sdk / gemini-sdk: the real SDK clients against a zero-latency loopback server,
 *    adding request building, JSON and HTTP on 127.0.0.1 for each of the four turns;
 *  - in-process+mcp-duckdb: the scripted model again, but the tools are Kotae's own MCP
 *    warehouse server over the generated demo estate (300k orders), so the guard's dry
 *    run, the catalogue and a real aggregate query are in the time.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgent } from '../src/agent/create-agent.ts';
import { createGeminiModel } from '../src/agent/models/gemini.ts';
import { createOpenAIModel } from '../src/agent/models/openai.ts';
import type { WarehouseConnection } from '../src/core/ports/warehouse-connection.ts';
import { systemClock } from '../src/core/clock.ts';
import { connectWarehouse } from '../src/mcp/connect-in-process.ts';
import { ensureDemoDataset } from '../src/mcp/duckdb/demo-dataset.ts';
import { createDuckDbBackend } from '../src/mcp/duckdb/duckdb-backend.ts';
import { createWarehouseServer } from '../src/mcp/warehouse-server.ts';
import type { ChatModel, ModelRequest, ModelResponse } from '../src/core/ports/chat-model.ts';
import type { TaskContext } from '../src/core/ports/task-handler.ts';
import { median, percentile, type BenchRow } from './bench-row.ts';
import { ANSWER, SCRIPT, startScriptedLlmServer } from './scripted-llm-server.ts';

const WARMUP = 30;
const SAMPLES = 300;

type OpenWarehouse = () => Promise<WarehouseConnection>;

export async function bench(report: (row: BenchRow) => void): Promise<void> {
  const server = await startScriptedLlmServer();
  const demo = await ensureDemoDataset(join(tmpdir(), 'kotae-bench-cache', 'demo.duckdb'));
  const backend = await createDuckDbBackend({ path: demo.path });
  const policy = {
    allowedDatasets: ['retail'],
    maxBytesBilled: 1024 ** 3,
    maxRows: 200,
    maxResultBytes: 256 * 1024,
    timeoutMs: 30_000,
  };
  const mcp: OpenWarehouse = async () =>
    connectWarehouse(createWarehouseServer({ backend, policy, context: {} }));
  const canned: OpenWarehouse = async () => warehouse();
  try {
    const variants: Array<[string, ChatModel, OpenWarehouse]> = [
      ['in-process', scriptedModel(), canned],
      [
        'openai-sdk',
        createOpenAIModel({ apiKey: 'bench', baseURL: server.openaiBaseURL, model: 'gpt-4.1-mini' }),
        canned,
      ],
      [
        'gemini-sdk',
        createGeminiModel({ apiKey: 'bench', baseUrl: server.geminiBaseUrl, model: 'gemini-2.5-flash' }),
        canned,
      ],
      ['in-process+mcp-duckdb', scriptedModel(), mcp],
    ];
    const medians: Record<string, number> = {};
    for (const [name, model, open] of variants) {
      const samples = await measure(model, open);
      medians[name] = median(samples);
      const note = `${SAMPLES} tasks of 4 LLM turns and 3 tool calls each`;
      report({ name: `agent.overhead.${name}.median`, value: round(median(samples)), unit: 'ms', note });
      report({ name: `agent.overhead.${name}.p99`, value: round(percentile(samples, 99)), unit: 'ms', note });
    }
    for (const name of ['openai-sdk', 'gemini-sdk', 'in-process+mcp-duckdb']) {
      report({
        name: `agent.overhead.${name}.vs-in-process`,
        value: round(medians[name]! / medians['in-process']!),
        unit: 'x',
        note: 'median ratio, measured in the same run',
      });
    }
  } finally {
    await server.close();
    await backend.close();
  }
}

async function measure(model: ChatModel, openWarehouse: OpenWarehouse): Promise<number[]> {
  const agent = createAgent({
    resolveModel: () => model,
    openWarehouse,
    clock: systemClock,
    budgets: { maxSteps: 10, maxTokens: 100_000, wallClockMs: 30_000 },
  });
  const samples: number[] = [];
  for (let index = 0; index < WARMUP + SAMPLES; index += 1) {
    const started = performance.now();
    const outcome = await agent.run(context(index));
    const elapsed = performance.now() - started;
    if (outcome.reply.text !== ANSWER || outcome.reply.table?.rows.length !== 10) {
      throw new Error(`the scripted task did not complete: ${outcome.reply.text}`);
    }
    if (index >= WARMUP) samples.push(elapsed);
  }
  return samples;
}

/** The script as a ChatModel: the turn is the number of tool results so far. */
function scriptedModel(): ChatModel {
  let calls = 0;
  return {
    id: 'bench/scripted',
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const step = SCRIPT[request.messages.filter((message) => message.role === 'tool').length];
      calls += 1;
      return {
        text: step ? '' : ANSWER,
        toolCalls: step ? [{ id: `call_${calls}`, name: step.name, arguments: { ...step.args } }] : [],
        usage: { inputTokens: 100, outputTokens: 10 },
        finishReason: step ? 'tool_calls' : 'stop',
        model: 'bench/scripted',
      };
    },
  };
}

const ROWS = Array.from({ length: 10 }, (_, index) => [`店舗${index + 1}`, String(100_000 - index * 1_000)]);
const RESULTS: Record<string, unknown> = {
  list_tables: { tables: [{ name: 'retail.orders' }, { name: 'retail.stores' }] },
  describe_table: {
    table: 'retail.orders',
    columns: [
      { name: 'order_id', type: 'INT64' },
      { name: 'store_name', type: 'STRING' },
      { name: 'amount', type: 'INT64' },
    ],
    row_count: 200,
  },
  execute_query: {
    columns: [
      { name: 'store_name', type: 'STRING' },
      { name: 'sales', type: 'INT64' },
    ],
    rows: ROWS,
    total_rows: ROWS.length,
    truncated: false,
    bytes_processed: 1_288_490_189,
    job_id: 'bench-job',
  },
};

function warehouse(): WarehouseConnection {
  const schema = { type: 'object', properties: { sql: { type: 'string' } } };
  return {
    dialect: 'BigQuery GoogleSQL',
    instructions: 'Bench warehouse.',
    listTools: async () =>
      ['list_datasets', 'list_tables', 'search_tables', 'describe_table', 'dry_run', 'execute_query'].map(
        (name) => ({
          name,
          description: name,
          inputSchema: schema,
        }),
      ),
    callTool: async (name) => {
      const data = RESULTS[name] ?? {};
      return { content: JSON.stringify(data), isError: false, data };
    },
    close: async () => {},
  };
}

function context(index: number): TaskContext {
  return {
    task: {
      id: `bench-${index}`,
      kind: 'QUESTION',
      thread: { platform: 'console', workspaceId: 'local', channelId: 'bench', threadId: `t${index}` },
      userId: 'bench',
      question: '先月の店舗別の売上は？',
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      attempt: 1,
      workspace: { id: 'bench', model: null },
      mapping: null,
    },
    history: [],
    signal: new AbortController().signal,
    startStep: () => ({ finish: () => {} }),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
