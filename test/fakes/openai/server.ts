/**
 * A fake OpenAI Chat Completions API on 127.0.0.1 for the real `openai` SDK. It speaks the
 * documented wire format: POST /v1/chat/completions with `Authorization: Bearer <key>`,
 * answers `chat.completion` objects with `tool_calls` (arguments as JSON strings) and
 * `usage`, and errors as `{ "error": { message, type, param, code } }` with `retry-after`.
 * Like the real API, it refuses a conversation whose tool calls lack tool results.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeHttpServer } from '../http-server.ts';
import type { RecordedRequest, ScriptStep, ScriptedReply } from '../llm-script.ts';

export interface FakeOpenAI {
  /** Pass as the SDK's baseURL. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Requests to /v1/chat/completions, with their JSON bodies. */
  completions(): Array<{
    model: string;
    messages: OpenAIWireMessage[];
    tools?: unknown[];
    [key: string]: unknown;
  }>;
  script(...steps: ScriptStep[]): void;
  remaining(): number;
  close(): Promise<void>;
}

export interface OpenAIWireMessage {
  role: string;
  content?: string | null;
  tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export async function startFakeOpenAI(options: { apiKey?: string } = {}): Promise<FakeOpenAI> {
  const steps: ScriptStep[] = [];
  let served = 0;
  const server = await startFakeHttpServer((request, response) => {
    const path = request.path.split('?')[0];
    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      return apiError(
        response,
        404,
        `Unknown request URL: ${request.method} ${path}.`,
        'invalid_request_error',
        'unknown_url',
      );
    }
    if (options.apiKey !== undefined && request.headers['authorization'] !== `Bearer ${options.apiKey}`) {
      return apiError(
        response,
        401,
        'Incorrect API key provided.',
        'invalid_request_error',
        'invalid_api_key',
      );
    }
    const invalid = validate(request.body);
    if (invalid) return apiError(response, 400, invalid, 'invalid_request_error', null);
    const step = steps.shift();
    if (!step) return apiError(response, 500, 'fake OpenAI: no scripted turn left', 'server_error', null);
    const turn = ++served;
    void Promise.resolve(typeof step === 'function' ? step(request) : step).then(
      (decided) => reply(response, decided, request, turn),
      (error: unknown) =>
        apiError(response, 500, `fake OpenAI: script step failed: ${String(error)}`, 'server_error', null),
    );
  });
  return {
    baseURL: `${server.url}/v1`,
    requests: server.requests,
    completions: () =>
      server.requests
        .filter((request) => request.path.startsWith('/v1/chat/completions'))
        .map((request) => request.body as never),
    script: (...more) => void steps.push(...more),
    remaining: () => steps.length,
    close: server.close,
  };
}

function reply(response: ServerResponse, step: ScriptedReply, request: RecordedRequest, turn: number): void {
  if ('hang' in step) return;
  if ('error' in step) {
    const { status, message, retryAfterSeconds } = step.error;
    const headers: Record<string, string> =
      retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
    if (status === 429) {
      return apiError(
        response,
        429,
        message ?? 'Rate limit reached for requests',
        'requests',
        'rate_limit_exceeded',
        headers,
      );
    }
    return apiError(
      response,
      status,
      message ?? 'The server had an error while processing your request. Sorry about that!',
      status >= 500 ? 'server_error' : 'invalid_request_error',
      null,
      headers,
    );
  }
  const toolCalls = (step.toolCalls ?? []).map((call, index) => ({
    id: `call_${turn}_${index}_${randomUUID().slice(0, 8)}`,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));
  const usage = step.usage ?? { input: 100, output: 20 };
  const model = String((request.body as { model?: unknown }).model);
  sendJson(response, 200, {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: step.text ?? null,
          refusal: null,
          annotations: [],
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : (step.finish ?? 'stop'),
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
    service_tier: 'default',
  });
}

/** The checks the real API makes that our converter could get wrong. */
function validate(body: unknown): string | null {
  const request = body as { model?: unknown; messages?: unknown; tools?: unknown };
  if (typeof request?.model !== 'string') return 'you must provide a model parameter';
  if (!Array.isArray(request.messages) || request.messages.length === 0)
    return "'messages' must be a non-empty array";
  if (request.tools !== undefined && (!Array.isArray(request.tools) || request.tools.length === 0)) {
    return "[] is too short - 'tools'";
  }
  const messages = request.messages as OpenAIWireMessage[];
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index]!;
    if (message.role === 'tool' && !answersPrecedingCall(messages, index)) {
      return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    }
    if (message.role === 'assistant' && message.tool_calls?.length) {
      const answered = new Set<string>();
      for (let next = index + 1; next < messages.length && messages[next]!.role === 'tool'; next += 1) {
        answered.add(messages[next]!.tool_call_id ?? '');
      }
      const missing = message.tool_calls.filter((call) => !answered.has(call.id)).map((call) => call.id);
      if (missing.length > 0) {
        return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`;
      }
      for (const call of message.tool_calls) JSON.parse(call.function.arguments);
    }
  }
  return null;
}

function answersPrecedingCall(messages: OpenAIWireMessage[], index: number): boolean {
  const id = messages[index]!.tool_call_id;
  for (let previous = index - 1; previous >= 0; previous -= 1) {
    const message = messages[previous]!;
    if (message.role === 'tool') continue;
    return message.role === 'assistant' && (message.tool_calls ?? []).some((call) => call.id === id);
  }
  return false;
}

function apiError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
): void {
  sendJson(
    response,
    status,
    { error: { message, type, param: null, code } },
    { 'x-request-id': `req_${randomUUID()}`, ...headers },
  );
}
