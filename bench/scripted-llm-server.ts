/**
 * Zero-latency LLM endpoints on 127.0.0.1 for the agent overhead bench: OpenAI Chat
 * Completions and Gemini generateContent, each answering at once with the next turn of a
 * fixed script (list_tables → describe_table → execute_query → answer). The turn is read
 * from the request (how many tool results it carries), so the server holds no state.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SCRIPT = [
  { name: 'list_tables', args: { dataset: 'retail' } },
  { name: 'describe_table', args: { table: 'retail.orders' } },
  {
    name: 'execute_query',
    // Valid on the generated demo estate too, so the same script runs on the real warehouse.
    args: {
      sql:
        'SELECT st.store_name, SUM(o.total_amount) AS sales FROM retail.orders o ' +
        'JOIN retail.stores st USING (store_id) GROUP BY 1 ORDER BY 2 DESC LIMIT 10',
    },
  },
] as const;
export const ANSWER = '売上が最も多いのは新宿店です。';

export interface ScriptedLlmServer {
  openaiBaseURL: string;
  geminiBaseUrl: string;
  close(): Promise<void>;
}

/** A make_chart turn after execute_query, for benches that want answers with charts. */
export const CHART_STEP = {
  name: 'make_chart',
  args: { type: 'bar', title: '店舗別売上', x: 'store_name', y: ['sales'], data_from: 'q1' },
} as const;

export interface ScriptedLlmOptions {
  /** Latency of every call, like a real model's (default 0). */
  delayMs?: number;
  /** Add a make_chart turn before the answer. */
  chart?: boolean;
}

export async function startScriptedLlmServer(options: ScriptedLlmOptions = {}): Promise<ScriptedLlmServer> {
  const script = options.chart ? [...SCRIPT, CHART_STEP] : SCRIPT;
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const payload = request.url?.startsWith('/v1/chat/completions')
      ? openaiTurn(body, script)
      : geminiTurn(body, script);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    openaiBaseURL: `http://127.0.0.1:${port}/v1`,
    geminiBaseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Script = ReadonlyArray<{ name: string; args: Record<string, unknown> }>;

function openaiTurn(body: Record<string, unknown>, script: Script): unknown {
  const messages = body['messages'] as Array<{ role: string }>;
  const step = script[messages.filter((message) => message.role === 'tool').length];
  const message = step
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: `call_${step.name}`,
            type: 'function',
            function: { name: step.name, arguments: JSON.stringify(step.args) },
          },
        ],
      }
    : { role: 'assistant', content: ANSWER };
  return {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 0,
    model: body['model'],
    choices: [{ index: 0, message, finish_reason: step ? 'tool_calls' : 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
  };
}

function geminiTurn(body: Record<string, unknown>, script: Script): unknown {
  const contents = body['contents'] as Array<{ parts: Array<Record<string, unknown>> }>;
  const results = contents
    .flatMap((content) => content.parts)
    .filter((part) => part['functionResponse']).length;
  const step = script[results];
  const part = step
    ? { functionCall: { name: step.name, args: step.args }, thoughtSignature: 'YmVuY2g=' }
    : { text: ANSWER };
  return {
    candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 10, totalTokenCount: 110 },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
