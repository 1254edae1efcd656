/**
 * The Gemini adapter, through the real `@google/genai` SDK against a fake Gemini API. If
 * these break, Gemini users get 400s on the second step (lost thought signatures or
 * unmatched function responses), duplicated retries, or unexplained failures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiModel } from '../../../src/agent/models/gemini.ts';
import type { ModelMessage, ModelRequest } from '../../../src/core/ports/chat-model.ts';
import { isKotaeError } from '../../../src/core/errors.ts';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini/server.ts';
import { recordingRetry } from '../../support/agent/recording-retry.ts';

let fake: FakeGemini;
const { sleeps, retry } = recordingRetry();

beforeEach(async () => {
  fake = await startFakeGemini({ apiKey: 'gm-test' });
  sleeps.length = 0;
});
afterEach(async () => {
  await fake.close();
});

const tools = [
  {
    name: 'list_tables',
    description: 'List tables',
    inputSchema: { type: 'object', properties: { dataset: { type: 'string' } } },
  },
  {
    name: 'describe_table',
    description: 'Describe',
    inputSchema: { type: 'object', properties: { table: { type: 'string' } } },
  },
];

function model(options: Partial<Parameters<typeof createGeminiModel>[0]> = {}) {
  return createGeminiModel({
    apiKey: 'gm-test',
    model: 'gemini-2.5-flash',
    baseUrl: fake.baseUrl,
    retry,
    ...options,
  });
}

describe('createGeminiModel', () => {
  it('makes ids for calls Gemini sends without one and answers them by name, signatures intact', async () => {
    fake.script(
      {
        toolCalls: [
          { name: 'list_tables', args: { dataset: 'retail' } },
          { name: 'describe_table', args: { table: 'retail.orders' } },
        ],
        usage: { input: 400, output: 30 },
      },
      { text: '店舗は5つです。' },
    );
    const gemini = model();
    const request: ModelRequest = {
      system: 'You are Kotae.',
      tools,
      messages: [{ role: 'user', content: '店舗はいくつ？' }],
    };

    const first = await gemini.generate(request);
    expect(first.toolCalls.map((call) => call.name)).toEqual(['list_tables', 'describe_table']);
    expect(new Set(first.toolCalls.map((call) => call.id)).size).toBe(2);
    expect(first.usage).toEqual({ inputTokens: 400, outputTokens: 30 });

    const messages: ModelMessage[] = [
      ...request.messages,
      {
        role: 'assistant',
        content: first.text,
        toolCalls: first.toolCalls,
        providerData: first.providerData,
      },
      ...first.toolCalls.map((call) => ({
        role: 'tool' as const,
        toolCallId: call.id,
        toolName: call.name,
        content: '{"ok":true}',
        isError: call.name === 'describe_table',
      })),
    ];
    const second = await gemini.generate({ ...request, messages });
    expect(second.text).toBe('店舗は5つです。');

    expect(fake.requests[0]!.headers['x-goog-api-key']).toBe('gm-test');
    expect(fake.requests[0]!.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    const body = fake.generateRequests()[1]!;
    expect(body.systemInstruction?.parts[0]?.text).toBe('You are Kotae.');
    expect(body.tools?.[0]?.functionDeclarations?.map((declaration) => declaration.name)).toEqual([
      'list_tables',
      'describe_table',
    ]);
    // The model's own parts come back verbatim (signature included); results by name, no made-up ids.
    expect(body.contents[1]!.parts[0]!.thoughtSignature).toEqual(expect.any(String));
    expect(body.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'list_tables', response: { output: { ok: true } } } },
        { functionResponse: { name: 'describe_table', response: { error: '{"ok":true}' } } },
      ],
    });
  });

  it('sends turns another provider produced with the documented placeholder signature', async () => {
    fake.script({ text: 'ok' });
    await model().generate({
      system: 's',
      tools,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'call_openai_1', name: 'list_tables', arguments: { dataset: 'retail' } }],
        },
        { role: 'tool', toolCallId: 'call_openai_1', toolName: 'list_tables', content: '[]', isError: false },
      ],
    });
    const part = fake.generateRequests()[0]!.contents[1]!.parts[0]!;
    expect(part).toEqual({
      functionCall: { name: 'list_tables', args: { dataset: 'retail' }, id: 'call_openai_1' },
      thoughtSignature: 'skip_thought_signature_validator',
    });
  });

  it('retries RESOURCE_EXHAUSTED after the RetryInfo delay, and the SDK itself does not retry', async () => {
    fake.script({ error: { status: 429, retryAfterSeconds: 3 } }, { text: 'やっと答えです' });

    const response = await model().generate({
      system: 's',
      tools: [],
      messages: [{ role: 'user', content: 'q' }],
    });

    expect(response.text).toBe('やっと答えです');
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it('gives up on a persistent 503 after its attempts with a retryable llm_unavailable', async () => {
    fake.script(...Array.from({ length: 5 }, () => ({ error: { status: 503 } })));

    const error = await model({ retry: { ...retry, maxAttempts: 2 } })
      .generate({ system: 's', tools: [], messages: [{ role: 'user', content: 'q' }] })
      .catch((caught: unknown) => caught);

    expect(isKotaeError(error) && [error.code, error.retryable]).toEqual(['llm_unavailable', true]);
    expect(fake.requests).toHaveLength(2);
  });

  it('reports an invalid key (a 400 API_KEY_INVALID on Gemini) as llm_auth', async () => {
    const error = await model({ apiKey: 'wrong' })
      .generate({ system: 's', tools: [], messages: [{ role: 'user', content: 'q' }] })
      .catch((caught: unknown) => caught);

    expect(isKotaeError(error) && [error.code, error.retryable]).toEqual(['llm_auth', false]);
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a server that never answers into llm_timeout', async () => {
    fake.script({ hang: true });

    const error = await model({ timeoutMs: 150, retry: { ...retry, maxAttempts: 1 } })
      .generate({ system: 's', tools: [], messages: [{ role: 'user', content: 'q' }] })
      .catch((caught: unknown) => caught);

    expect(isKotaeError(error) && error.code).toBe('llm_timeout');
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    const abortOnArrival = () => {
      controller.abort();
      return { hang: true as const };
    };
    fake.script(abortOnArrival, abortOnArrival);

    const error = await model()
      .generate({
        system: 's',
        tools: [],
        messages: [{ role: 'user', content: 'q' }],
        signal: controller.signal,
      })
      .catch((caught: unknown) => caught);

    expect(isKotaeError(error) && error.code).toBe('llm_aborted');
    expect(fake.requests).toHaveLength(1);
  });
});
