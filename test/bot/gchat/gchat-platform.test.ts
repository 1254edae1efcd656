/**
 * The Google Chat platform adapter against the fake Chat API, through the real
 * @googleapis/chat client. If it broke, a person asking in Chat would see the answer in
 * the wrong thread or twice, stale progress, no chart — or Chat would start answering
 * Kotae with 429s and answers would go missing in a busy space.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChartUrlSigner } from '../../../src/bot/charts/chart-url-signer.ts';
import { classifyChatApiError } from '../../../src/bot/gchat/gchat-api-errors.ts';
import {
  chatWriteBudget,
  createGchatPlatform,
  requestIdFor,
  type GchatPlatform,
} from '../../../src/bot/gchat/gchat-platform.ts';
import { createConversationWriteLimiter } from '../../../src/bot/platform/conversation-write-limiter.ts';
import type { ThreadRef } from '../../../src/core/chat-event.ts';
import type { MessageContent } from '../../../src/core/ports/chat-platform.ts';
import { createChartImageStore } from '../../../src/store/chart-image-store.ts';
import { chatApiClientFor } from '../../fakes/gchat/chat-api-client.ts';
import { startFakeChatApi, type FakeChatApi, type RecordedWrite } from '../../fakes/gchat/fake-chat-api.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { solidPng } from '../../support/png.ts';
import { testChatRender } from '../../support/test-chat-render.ts';
import { createVirtualTime } from '../../support/virtual-time.ts';

const SPACE = 'spaces/AAAAbusy';

describe('Google Chat platform', () => {
  let db: TestDatabase;
  let api: FakeChatApi;
  let time: ReturnType<typeof createVirtualTime>;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });
  afterEach(async () => {
    await api?.close();
  });

  /** Every 429 the limiter was told of, with the wait it chose. */
  let limited: Array<{ space: string; waitMs: number }> = [];

  async function setup(limits: { perMinute?: number; burst?: number } = {}): Promise<GchatPlatform> {
    time = createVirtualTime();
    limited = [];
    api = await startFakeChatApi({ clock: time.clock });
    const limiter = createConversationWriteLimiter({
      budget: { ...chatWriteBudget, ...limits },
      clock: time.clock,
      sleep: time.sleep,
      classify: classifyChatApiError,
      onRateLimited: (space, waitMs) => limited.push({ space, waitMs }),
    });
    return createGchatPlatform({
      chat: chatApiClientFor(api.url),
      clock: time.clock,
      render: testChatRender,
      limiter,
      charts: {
        store: createChartImageStore(db.prisma),
        signer: createChartUrlSigner({
          secret: 'x'.repeat(40),
          publicBaseUrl: 'https://kotae.example.com',
        }),
        ttlMs: 7 * 24 * 3600_000,
      },
    });
  }

  function askerThread(space = SPACE): ThreadRef {
    const question = api.userMessage(space, '@Kotae 先月の売上は？');
    return {
      platform: 'gchat',
      workspaceId: 'example.com',
      channelId: space,
      threadId: question.thread.name,
    };
  }

  const status = (text: string, steps: string[] = []): MessageContent => ({ kind: 'status', text, steps });
  const final = (text: string): Extract<MessageContent, { kind: 'reply' }> => ({
    kind: 'reply',
    reply: { kind: 'answer', locale: 'ja', text },
  });

  it('posts the placeholder as a reply in the asker’s thread, once per idempotency key', async () => {
    const platform = await setup();
    const thread = askerThread();
    const first = await platform.post(thread, status('考え中…'), { idempotencyKey: 'task-1:placeholder' });
    // A worker that crashed after posting retries the same post: Chat returns the same message.
    const again = await platform.post(thread, status('考え中…'), { idempotencyKey: 'task-1:placeholder' });

    expect(again.messageId).toBe(first.messageId);
    const inThread = api.thread(thread.threadId);
    expect(inThread.map((m) => m.sender.type)).toEqual(['HUMAN', 'BOT']);
    expect(inThread[1]!.text).toContain('考え中…');
    const creates = api.writes.filter((w) => w.method === 'create');
    expect(creates.map((w) => w.requestId)).toEqual([
      requestIdFor('task-1:placeholder:0'),
      requestIdFor('task-1:placeholder:0'),
    ]);
  });

  it('replaces the placeholder with later content, clearing what the new content lacks', async () => {
    const platform = await setup();
    const thread = askerThread();
    const placeholder = await platform.post(thread, status('考え中…'));
    const chart = {
      fileId: 'c1',
      url: 'https://kotae.example.com/charts/c1.png?exp=1&sig=x',
      shownInThread: false,
    };
    await platform.update(placeholder, { ...final('先月の売上です。'), chart });
    expect(api.messages.get(placeholder.messageId)!.cardsV2).toHaveLength(1);

    // e.g. the user asked to re-run: progress shows again and the old chart card goes away.
    await platform.update(placeholder, status('再実行中…', ['クエリを実行']));
    const message = api.messages.get(placeholder.messageId)!;
    expect(message.text).toContain('再実行中');
    expect(message.cardsV2).toBeUndefined();
    const patches = api.writes.filter((w) => w.method === 'patch');
    expect(patches.map((w) => [w.updateMask, w.status])).toEqual([
      ['text,cards_v2', 200],
      ['text,cards_v2', 200],
    ]);
  });

  it('coalesces a burst of progress updates: the latest wins and the final answer is never dropped', async () => {
    const platform = await setup({ perMinute: 30, burst: 1 });
    const thread = askerThread();
    const placeholder = await platform.post(thread, status('考え中…'));
    const updates = Array.from({ length: 12 }, (_, i) =>
      platform.update(
        placeholder,
        status(
          '考え中…',
          Array.from({ length: i + 1 }, (_, s) => `ステップ ${s + 1}`),
        ),
      ),
    );
    updates.push(platform.update(placeholder, final('答え: 42')));
    updates.push(platform.update(placeholder, status('遅れて届いた途中経過', ['ステップ 99'])));
    await Promise.all(updates);

    const patches = api.writes.filter((w) => w.method === 'patch' && w.status === 200);
    expect(patches.length).toBeLessThan(13);
    expect(api.messages.get(placeholder.messageId)!.text).toContain('答え: 42');
  });

  it('backs off on 429 and still delivers, without the caller seeing an error', async () => {
    const platform = await setup();
    const thread = askerThread();
    api.rejectNextWrites(3, { space: SPACE });
    const placeholder = await platform.post(thread, status('考え中…'), {
      idempotencyKey: 'task-429:placeholder',
    });
    api.rejectNextWrites(2, { space: SPACE, retryAfterSeconds: 7 });
    await platform.update(placeholder, final('答え'));

    const rejected = api.writes.filter((w) => w.status === 429);
    expect(rejected).toHaveLength(5);
    // Each 429 is reported (the metrics count them), with Chat's Retry-After when it gave one.
    expect(limited).toHaveLength(5);
    expect(limited.every((l) => l.space === SPACE)).toBe(true);
    expect(limited.slice(3).map((l) => l.waitMs)).toEqual([7_000, 7_000]);
    expect(api.thread(thread.threadId).filter((m) => m.sender.type === 'BOT')).toHaveLength(1);
    expect(api.messages.get(placeholder.messageId)!.text).toBe('答え');
    // It waited rather than hammering: at least the Retry-After twice, plus backoff.
    expect(time.sleptMs).toBeGreaterThanOrEqual(14_000);
  });

  it('keeps five concurrent questions in one space within 30 writes a minute, with no unhandled 429', async () => {
    const platform = await setup();
    // Chat itself allows about one write a second per space; past that it answers 429.
    api.limitWritesPerMinute(60);
    api.rejectNextWrites(4, { space: SPACE });
    const questions = Array.from({ length: 5 }, (_, q) => ({ q, thread: askerThread() }));

    await Promise.all(
      questions.map(async ({ q, thread }) => {
        const placeholder = await platform.post(thread, status('考え中…'), {
          idempotencyKey: `load-${q}:placeholder`,
        });
        const steps: string[] = [];
        for (let s = 0; s < 8; s += 1) {
          steps.push(`質問 ${q} ステップ ${s}`);
          // Like the worker, wait for each progress update before the next step.
          await platform.update(placeholder, status('考え中…', [...steps]));
        }
        await platform.update(placeholder, final(`質問 ${q} の答え`));
      }),
    );

    for (const { q, thread } of questions) {
      const bot = api.thread(thread.threadId).filter((m) => m.sender.type === 'BOT');
      expect(bot).toHaveLength(1);
      expect(bot[0]!.text).toBe(`質問 ${q} の答え`);
    }
    expect(maxWritesInAnyMinute(api.writes.filter((w) => w.space === SPACE))).toBeLessThanOrEqual(30);
    expect(api.writes.filter((w) => w.status === 200)).toHaveLength(5 * (1 + 8 + 1));
    expect(api.writes.filter((w) => w.status === 429)).toHaveLength(4);
  });

  it('stores a chart PNG and returns a signed URL instead of uploading', async () => {
    const platform = await setup();
    const thread = askerThread();
    const png = solidPng();
    const uploaded = await platform.upload(thread, {
      filename: 'chart.png',
      mimeType: 'image/png',
      bytes: png,
      title: 'Chart',
    });

    expect(uploaded.shownInThread).toBe(false);
    expect(uploaded.url).toMatch(
      new RegExp(`^https://kotae\\.example\\.com/charts/${uploaded.fileId}\\.png\\?exp=\\d+&sig=`),
    );
    const row = await db.prisma.chartImage.findUnique({ where: { id: uploaded.fileId } });
    expect(new Uint8Array(row!.png)).toEqual(png);
    expect(api.writes).toHaveLength(0);
    await expect(
      platform.upload(thread, {
        filename: 'a.csv',
        mimeType: 'text/csv',
        bytes: new Uint8Array([1]),
        title: 'CSV',
      }),
    ).rejects.toThrow(/PNG/);
  });

  it('posts the final answer as a new message when the placeholder was deleted', async () => {
    const platform = await setup();
    const thread = askerThread();
    const placeholder = await platform.post(thread, status('考え中…'));
    api.messages.delete(placeholder.messageId);
    await platform.update(placeholder, final('それでも答えは届きます'));
    const bot = api.thread(thread.threadId).filter((m) => m.sender.type === 'BOT');
    expect(bot.map((m) => m.text)).toEqual(['それでも答えは届きます']);
  });
});

function maxWritesInAnyMinute(writes: RecordedWrite[]): number {
  const times = writes.map((w) => w.at).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i]! - times[j]! >= 60_000) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
