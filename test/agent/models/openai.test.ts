/**
 * The OpenAI adapter, through the real `openai` SDK against a fake Chat Completions server.
 * If these break, users of OpenAI (or Ollama/vLLM) get no answers, duplicated retries, or
 * unexplained failures instead of a clear reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIModel } from '../../../src/agent/models/openai.ts';
import type { ModelRequest } from '../../../src/core/ports/chat-model.ts';
import { isKotaeError } from '../../../src/core/errors.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.ts';
import { recordingRetry } from '../../support/agent/recording-retry.ts';

let fake: FakeOpenAI;
const { sleeps, retry } = recordingRetry();

beforeEach(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test' });
  sleeps.length = 0;
});
afterEach(async () => {
  await fake.close();
});

const tools = [
  {
    name: 'list_tables',
    description: 'List tables',
    inputSchema: { $schema: 'x', type: 'object', properties: { dataset: { type: 'string' } } },
  },
];

const conversation: ModelRequest = {
  system: 'You are Kotae.',
  tools,
  messages: [
    { role: 'user', content: '先月の売上は？' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'call_a', name: 'list_tables', arguments: { dataset: 'retail' } }],
    },
    {
      role: 'tool',
      toolCallId: 'call_a',
      toolName: 'list_tables',
      content: '{"tables":["retail.orders"]}',
      isError: false,
    },
  ],
  maxOutputTokens: 500,
};

describe('createOpenAIModel', () => {
  it('sends the conversation in the Chat Completions format and reads tool calls and usage back', async () => {
    fake.script({
      toolCalls: [{ name: 'describe_table', args: { table: 'retail.orders' } }],
      usage: { input: 321, output: 12 },
    });
    const model = createOpenAIModel({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-4.1-mini',
      retry,
    });

    const response = await model.generate(conversation);

    expect(response).toMatchObject({
      model: 'openai/gpt-4.1-mini',
      finishReason: 'tool_calls',
      usage: { inputTokens: 321, outputTokens: 12 },
      toolCalls: [{ name: 'describe_table', arguments: { table: 'retail.orders' } }],
    });
    const [request] = fake.requests;
    expect(request!.headers['authorization']).toBe('Bearer sk-test');
    const body = fake.completions()[0]!;
    expect(body.model).toBe('gpt-4.1-mini');
    expect(body.messages[0]).toEqual({ role: 'system', content: 'You are Kotae.' });
    expect(body.messages[2]).toMatchObject({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_a',
          type: 'function',
          function: { name: 'list_tables', arguments: '{"dataset":"retail"}' },
        },
      ],
    });
    expect(body.messages[3]).toEqual({
      role: 'tool',
      tool_call_id: 'call_a',
      content: '{"tables":["retail.orders"]}',
    });
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'list_tables',
          description: 'List tables',
          parameters: { type: 'object', properties: { dataset: { type: 'string' } } },
        },
      },
    ]);
    // A compatible server (baseURL set) gets max_tokens, which Ollama and vLLM understand.
    expect(body['max_tokens']).toBe(500);
  });

  it('retries a 429 once, honouring Retry-After, and the SDK itself does not retry', async () => {
    fake.script({ error: { status: 429, retryAfterSeconds: 2 } }, { text: '答えです' });
    const model = createOpenAIModel({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-4.1-mini',
      retry,
    });

    const response = await model.generate(conversation);

    expect(response.text).toBe('答えです');
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('gives up on a persistent 500 after its attempts with a retryable llm_unavailable', async () => {
    fake.script(...Array.from({ length: 5 }, () => ({ error: { status: 500 } })));
    const model = createOpenAIModel({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-4.1-mini',
      retry: { ...retry, maxAttempts: 3 },
    });

    const error = await model.generate(conversation).catch((caught: unknown) => caught);

    expect(isKotaeError(error) && error.code).toBe('llm_unavailable');
    expect(isKotaeError(error) && error.retryable).toBe(true);
    expect(fake.requests).toHaveLength(3);
    // Full jitter: with random() = 0.5 the waits are half of 500 ms and of 1000 ms.
    expect(sleeps).toEqual([250, 500]);
  });

  it('reports a wrong key as llm_auth without retrying', async () => {
    const model = createOpenAIModel({
      apiKey: 'sk-wrong',
      baseURL: fake.baseURL,
      model: 'gpt-4.1-mini',
      retry,
    });

    const error = await model.generate(conversation).catch((caught: unknown) => caught);

    expect(
      isKotaeError(error) && { code: error.code, retryable: error.retryable, userMessage: error.userMessage },
    ).toEqual({
      code: 'llm_auth',
      retryable: false,
      userMessage: 'agent.llm.auth',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a server that never answers into llm_timeout', async () => {
    fake.script({ hang: true }, { hang: true });
    const model = createOpenAIModel({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-4.1-mini',
      timeoutMs: 150,
      retry: { ...retry, maxAttempts: 2 },
    });

    const error = await model.generate(conversation).catch((caught: unknown) => caught);

    expect(isKotaeError(error) && error.code).toBe('llm_timeout');
    expect(fake.requests).toHaveLength(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    // The caller gives up once the request has reached the server, which never answers.
    const abortOnArrival = () => {
      controller.abort();
      return { hang: true as const };
    };
    fake.script(abortOnArrival, abortOnArrival);
    const model = createOpenAIModel({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-4.1-mini',
      retry,
    });

    const error = await model
      .generate({ ...conversation, signal: controller.signal })
      .catch((caught: unknown) => caught);

    expect(isKotaeError(error) && error.code).toBe('llm_aborted');
    expect(fake.requests).toHaveLength(1);
  });

  it('works without a key against an OpenAI-compatible server (Ollama)', async () => {
    const open = await startFakeOpenAI();
    try {
      open.script({ text: 'hello' });
      const model = createOpenAIModel({ baseURL: open.baseURL, model: 'qwen2.5:7b', retry });
      expect(
        (await model.generate({ system: 's', tools: [], messages: [{ role: 'user', content: 'hi' }] })).text,
      ).toBe('hello');
      expect(open.completions()[0]!.tools).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
