/**
 * The write limiter both chat platforms write through, on its own with manual time. If it
 * broke: one busy channel would freeze every other channel's answers, Google Chat would
 * answer Kotae with 429s, a thread would flicker or show a stale step over the answer, or
 * the metrics would miss rate limits.
 */
import { describe, expect, it } from 'vitest';
import {
  createConversationWriteLimiter,
  type FailureClass,
  type WriteBudget,
} from '../../../src/bot/platform/conversation-write-limiter.ts';
import { sleep as sleepOn } from '../../../src/core/timers.ts';
import { createManualTimers } from '../../support/manual-timers.ts';
import { createVirtualTime } from '../../support/virtual-time.ts';

const slackLike: WriteBudget = {
  maxAttempts: 8,
  maxRateLimitRetries: 5,
  maxTransientRetries: 2,
  baseBackoffMs: 1_000,
  maxBackoffMs: 32_000,
  edits: { minGapMs: 1_000, finalsAreLast: true },
};
const chatLike: WriteBudget = {
  perMinute: 30,
  burst: 5,
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 32_000,
  edits: { minGapMs: 0, finalsAreLast: false },
};

class Throttled extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(retryAfterMs?: number) {
    super('429');
    this.retryAfterMs = retryAfterMs;
  }
}
class Flaky extends Error {}

function classify(error: unknown): FailureClass {
  if (error instanceof Throttled)
    return {
      retry: true,
      rateLimited: true,
      ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  return { retry: error instanceof Flaky, rateLimited: false };
}

function manual(budget: WriteBudget) {
  const timers = createManualTimers();
  const limited: Array<[string, number]> = [];
  const limiter = createConversationWriteLimiter({
    budget,
    clock: timers.clock,
    sleep: (ms) => sleepOn(timers, ms),
    classify,
    onRateLimited: (conversation, ms) => limited.push([conversation, ms]),
  });
  return { timers, limited, limiter };
}

function virtual(budget: WriteBudget) {
  const time = createVirtualTime();
  const limited: Array<[string, number]> = [];
  const limiter = createConversationWriteLimiter({
    budget,
    clock: time.clock,
    sleep: time.sleep,
    classify,
    onRateLimited: (conversation, ms) => limited.push([conversation, ms]),
  });
  return { time, limited, limiter };
}

const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('the queue per conversation', () => {
  it('waits out a 429 in one conversation while another keeps writing', async () => {
    const { timers, limited, limiter } = manual(slackLike);
    const written: string[] = [];
    let throttle = true;
    const a1 = limiter.run('A', async () => {
      if (throttle) {
        throttle = false;
        throw new Throttled(30_000);
      }
      written.push('A1');
    });
    const a2 = limiter.run('A', async () => void written.push('A2'));
    await Promise.all(['B1', 'B2'].map((text) => limiter.run('B', async () => void written.push(text))));
    expect(written).toEqual(['B1', 'B2']);
    expect(limited).toEqual([['A', 30_000]]);

    timers.advance(29_999);
    await flushed();
    expect(written).toEqual(['B1', 'B2']);
    timers.advance(1);
    await Promise.all([a1, a2]);
    expect(written).toEqual(['B1', 'B2', 'A1', 'A2']);
  });

  it('reports every 429, and fails the write once its 429 retries run out', async () => {
    const { limited, limiter } = virtual(slackLike);
    const failed = limiter.run('A', () => Promise.reject(new Throttled(2_000)));
    await expect(failed).rejects.toBeInstanceOf(Throttled);
    expect(limited).toHaveLength(6);
  });

  it('retries transient failures a bounded number of times with doubling backoff', async () => {
    const { time, limiter } = virtual(slackLike);
    let calls = 0;
    await expect(
      limiter.run('A', async () => {
        calls += 1;
        throw new Flaky('503');
      }),
    ).rejects.toBeInstanceOf(Flaky);
    expect(calls).toBe(3);
    expect(time.sleptMs).toBe(1_000 + 2_000 + 4_000);
    await expect(limiter.run('A', () => Promise.reject(new Error('400')))).rejects.toThrow('400');
  });

  it('keeps a conversation within its writes a minute, bursting first', async () => {
    const { time, limiter } = virtual(chatLike);
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, () =>
        limiter.run('S', async () => void at.push(time.clock.now().getTime())),
      ),
    );
    const start = at[0]!;
    expect(at.filter((t) => t === start)).toHaveLength(5);
    for (const t of at) expect(at.filter((u) => u >= t && u - t < 60_000).length).toBeLessThanOrEqual(30);
  });

  it('writes new messages and final answers before waiting progress edits', async () => {
    const { limiter } = virtual({ ...chatLike, burst: 1 });
    const order: string[] = [];
    const writes = [
      limiter.run('S', async () => void order.push('post 1')),
      limiter.run('S', async () => void order.push('progress'), { progress: true }),
      limiter.run('S', async () => void order.push('post 2')),
    ];
    await Promise.all(writes);
    expect(order).toEqual(['post 1', 'post 2', 'progress']);
  });
});

describe('edits of one message', () => {
  it('writes only the latest of a burst, at most one edit per gap', async () => {
    const { timers, limiter } = manual(slackLike);
    const written: number[] = [];
    limiter.touch('m');
    const edits = [1, 2, 3].map((n) => limiter.edit('m', false, async () => void written.push(n), 'C'));
    await flushed();
    expect(written).toEqual([]);
    timers.advance(1_000);
    await Promise.all(edits);
    expect(written).toEqual([3]);
  });

  it('never drops a final answer nor lets a waiting progress edit replace it', async () => {
    const { limiter } = virtual(chatLike);
    const written: string[] = [];
    const write = (text: string) => async () => void written.push(text);
    await Promise.all([
      limiter.edit('m', false, write('step 1'), 'S'),
      limiter.edit('m', true, write('answer'), 'S'),
      limiter.edit('m', false, write('late step'), 'S'),
    ]);
    expect(written.at(-1)).toBe('answer');
    expect(written).not.toContain('late step');
  });

  it('drops progress after a final where finals are last, and allows it (a re-run) elsewhere', async () => {
    for (const [budget, expected] of [
      [slackLike, ['answer']],
      [chatLike, ['answer', 'rerun']],
    ] as const) {
      const { limiter } = virtual(budget);
      const written: string[] = [];
      // Without a conversation, the write queues its own calls (as Slack's edits do).
      const write = (text: string) => () => limiter.run('S', async () => void written.push(text));
      await limiter.edit('m', true, write('answer'));
      await limiter.edit('m', false, write('rerun'));
      await limiter.idle();
      expect(written).toEqual(expected);
    }
  });

  it('drops a failed progress edit that a newer one already replaces, instead of retrying it', async () => {
    const { limiter } = virtual(chatLike);
    const written: string[] = [];
    let attempts = 0;
    const first = limiter.edit(
      'm',
      false,
      async () => {
        attempts += 1;
        await flushed();
        throw new Flaky('503');
      },
      'S',
    );
    await flushed();
    const second = limiter.edit('m', false, async () => void written.push('step 2'), 'S');
    await Promise.all([first, second]);
    expect(attempts).toBe(1);
    expect(written).toEqual(['step 2']);
  });

  it('replaces an edit in its place while it waits in its queue; turned final, it goes before later posts', async () => {
    const { time, limiter } = virtual({ ...chatLike, burst: 1 });
    const written: Array<[string, number]> = [];
    const write = (text: string) => async () => void written.push([text, time.clock.now().getTime()]);
    const start = time.clock.now().getTime();
    await limiter.run('S', write('placeholder'));
    const step = limiter.edit('m', false, write('step 1'), 'S');
    await flushed();
    const post = limiter.run('S', write('other question'));
    const answer = limiter.edit('m', true, write('answer'), 'S');
    await Promise.all([step, post, answer]);
    // A progress edit would wait behind the other question's post; the answer does not.
    expect(written.map(([text]) => text)).toEqual(['placeholder', 'answer', 'other question']);
    expect(written.map(([, at]) => at - start)).toEqual([0, 2_069, 4_138]);
  });
});
