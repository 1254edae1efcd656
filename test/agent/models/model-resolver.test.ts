/**
 * Choosing the model. If this breaks, a workspace's chosen model is ignored, the fallback
 * chain is wrong, or an unconfigured bot tries to call an LLM instead of saying what to set.
 */
import { describe, expect, it } from 'vitest';
import { createFallbackModel } from '../../../src/agent/models/fallback-model.ts';
import { llmError } from '../../../src/agent/models/model-errors.ts';
import {
  createModelResolver,
  parseEntry,
  type ModelsConfig,
} from '../../../src/agent/models/model-resolver.ts';
import { createManualClock } from '../../../src/core/clock.ts';
import type { ChatModel, ModelResponse } from '../../../src/core/ports/chat-model.ts';

const both: ModelsConfig = {
  openai: { apiKey: 'sk-a', defaultModel: 'gpt-4.1-mini' },
  gemini: { apiKey: 'gm-a', defaultModel: 'gemini-2.5-flash' },
  chain: ['gemini/gemini-2.5-flash', 'openai/gpt-4.1-mini'],
};

describe('createModelResolver', () => {
  it('returns null when no provider is configured', () => {
    expect(createModelResolver({ chain: [] })(null)).toBeNull();
    expect(createModelResolver({ chain: ['openai/gpt-4.1-mini'] })('gemini/gemini-2.5-pro')).toBeNull();
  });

  it('follows the configured chain, and puts a workspace’s own model first', () => {
    const resolve = createModelResolver(both);
    expect(resolve(null)?.id).toBe('gemini/gemini-2.5-flash → openai/gpt-4.1-mini');
    expect(resolve('openai/gpt-4.1')?.id).toBe(
      'openai/gpt-4.1 → gemini/gemini-2.5-flash → openai/gpt-4.1-mini',
    );
    expect(resolve('openai/gpt-4.1-mini')?.id).toBe('openai/gpt-4.1-mini → gemini/gemini-2.5-flash');
    expect(resolve(null)).toBe(resolve(null));
  });

  it('without a chain, tries every configured provider’s default model; extra keys become fallbacks', () => {
    expect(createModelResolver({ ...both, chain: [] })(null)?.id).toBe(
      'gemini/gemini-2.5-flash → openai/gpt-4.1-mini',
    );
    const keys = createModelResolver({
      gemini: { apiKey: 'k1', extraApiKeys: ['k2'], defaultModel: 'gemini-2.5-flash' },
      chain: [],
    });
    expect(keys(null)?.id).toBe('gemini/gemini-2.5-flash → gemini/gemini-2.5-flash');
  });

  it('reads chain entries the way people write them', () => {
    expect(parseEntry('openai', both)).toEqual({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(parseEntry('gemini-2.5-pro', both)).toEqual({ provider: 'gemini', model: 'gemini-2.5-pro' });
    expect(parseEntry('qwen2.5:7b', both)).toEqual({ provider: 'openai', model: 'qwen2.5:7b' });
    expect(parseEntry('  ', both)).toBeNull();
  });
});

describe('createFallbackModel', () => {
  function scripted(id: string, outcomes: Array<Error | string>): ChatModel & { calls: number } {
    const model = {
      id,
      calls: 0,
      async generate(): Promise<ModelResponse> {
        const outcome = outcomes[model.calls++] ?? 'ok';
        if (outcome instanceof Error) throw outcome;
        return {
          text: outcome,
          toolCalls: [],
          usage: { inputTokens: 1, outputTokens: 1 },
          finishReason: 'stop',
          model: id,
        };
      },
    };
    return model;
  }
  const request = { system: '', messages: [], tools: [] };

  it('moves on after rate limits, outages and rejected keys, but not after a bad request', async () => {
    for (const code of ['llm_rate_limited', 'llm_unavailable', 'llm_timeout', 'llm_auth'] as const) {
      const chain = createFallbackModel([
        scripted('a', [llmError(code, 'x', { model: 'a' })]),
        scripted('b', ['from b']),
      ]);
      expect((await chain.generate(request)).model).toBe('b');
    }
    const first = scripted('a', [llmError('llm_bad_request', 'too long', { model: 'a' })]);
    const second = scripted('b', ['from b']);
    await expect(createFallbackModel([first, second]).generate(request)).rejects.toMatchObject({
      code: 'llm_bad_request',
    });
    expect(second.calls).toBe(0);
  });

  it('tries a failed model last until its cool-down passes', async () => {
    const clock = createManualClock();
    const a = scripted('a', [llmError('llm_rate_limited', 'x', { model: 'a' }), 'a again', 'a later']);
    const b = scripted('b', ['b1', 'b2']);
    const chain = createFallbackModel([a, b], { clock, coolDownMs: 60_000 });
    expect((await chain.generate(request)).text).toBe('b1');
    expect((await chain.generate(request)).text).toBe('b2');
    clock.advance(60_001);
    expect((await chain.generate(request)).text).toBe('a again');
  });
});
