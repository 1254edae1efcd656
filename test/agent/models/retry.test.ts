/**
 * Our retry loop. If it breaks, a rate-limited provider is hammered in lockstep by every
 * worker, or a user waits through retries of errors that can never succeed.
 */
import { describe, expect, it } from 'vitest';
import { llmError } from '../../../src/agent/models/model-errors.ts';
import { backoffDelayMs, withRetries } from '../../../src/agent/models/retry.ts';
import { retryAfterMsFromHeaders } from '../../../src/agent/models/model-errors.ts';

describe('backoffDelayMs', () => {
  it('draws each wait uniformly below an exponentially growing, capped ceiling (full jitter)', () => {
    const options = { baseDelayMs: 500, maxDelayMs: 8_000 };
    expect(
      [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, { ...options, random: () => 0.999 })),
    ).toEqual([499, 999, 1998, 3996, 7992, 7992]);
    expect(backoffDelayMs(3, { ...options, random: () => 0 })).toBe(0);
  });
});

describe('withRetries', () => {
  const sleeps: number[] = [];
  const options = { maxAttempts: 4, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };

  it('retries retryable errors and returns the first success', async () => {
    sleeps.length = 0;
    let calls = 0;
    const value = await withRetries(async () => {
      calls += 1;
      if (calls < 3) throw llmError('llm_unavailable', '503', { model: 'm' });
      return 'ok';
    }, options);
    expect([value, calls, sleeps]).toEqual(['ok', 3, [250, 500]]);
  });

  it('does not retry errors that cannot succeed', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls += 1;
        throw llmError('llm_bad_request', 'bad', { model: 'm' });
      }, options),
    ).rejects.toMatchObject({ code: 'llm_bad_request' });
    expect(calls).toBe(1);
  });

  it('waits what Retry-After asks, but gives up at once when it asks too long', async () => {
    sleeps.length = 0;
    let calls = 0;
    await withRetries(async () => {
      calls += 1;
      if (calls === 1) throw llmError('llm_rate_limited', '429', { model: 'm', retryAfterMs: 1_500 });
      return 'ok';
    }, options);
    expect(sleeps).toEqual([1_500]);

    calls = 0;
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw llmError('llm_rate_limited', '429', { model: 'm', retryAfterMs: 60_000 });
        },
        { ...options, maxRetryAfterMs: 20_000 },
      ),
    ).rejects.toMatchObject({ code: 'llm_rate_limited' });
    expect(calls).toBe(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetries(
      async () => {
        calls += 1;
        throw llmError('llm_unavailable', '503', { model: 'm' });
      },
      { maxAttempts: 5, baseDelayMs: 60_000, random: () => 0.99 },
      controller.signal,
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'llm_unavailable' });
    expect(calls).toBe(1);
  });
});

describe('retryAfterMsFromHeaders', () => {
  const now = new Date('2026-01-05T00:00:00Z');
  it('reads seconds, HTTP dates and OpenAI’s retry-after-ms', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '7' }), now)).toBe(7_000);
    expect(
      retryAfterMsFromHeaders(new Headers({ 'retry-after': 'Mon, 05 Jan 2026 00:00:30 GMT' }), now),
    ).toBe(30_000);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '7', 'retry-after-ms': '1234' }), now)).toBe(
      1_234,
    );
    expect(retryAfterMsFromHeaders(new Headers(), now)).toBeUndefined();
  });
});
