/**
 * The Slack chat platform against a local fake Slack, with the real @slack/web-api
 * client. If these break, a user sees: steps that never appear or flicker, an answer
 * replaced by a stale "thinking" line, a chart missing from the thread, or every
 * channel's answers frozen because one busy channel was rate limited.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSlackPlatform } from '../../../src/bot/slack/slack-platform.ts';
import type { ThreadRef } from '../../../src/core/chat-event.ts';
import type { ChatPlatform, StatusContent } from '../../../src/core/ports/chat-platform.ts';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { createManualTimers, type ManualTimers } from '../../support/manual-timers.ts';

const TEAM = 'T0KOTAE';

let slack: FakeSlack;
let timers: ManualTimers;
let platform: ChatPlatform;
let token: string;
const rateLimited: Array<{ key: string; ms: number }> = [];

function thread(channelId: string, threadId = '1767000000.000001'): ThreadRef {
  return { platform: 'slack', workspaceId: TEAM, channelId, threadId };
}

function status(text: string, steps: string[] = []): StatusContent {
  return { kind: 'status', text, steps };
}

beforeEach(async () => {
  slack = await startFakeSlack();
  token = slack.addBot(TEAM);
  timers = createManualTimers();
  rateLimited.length = 0;
  platform = createSlackPlatform({
    tokenFor: async (workspaceId) => {
      if (workspaceId !== TEAM) throw new Error(`no token for ${workspaceId}`);
      return token;
    },
    slackApiUrl: slack.apiUrl,
    clock: timers.clock,
    timers,
    onRateLimited: (key, ms) => rateLimited.push({ key, ms }),
  });
});

afterEach(async () => {
  await slack.close();
});

describe('posting and updating in the thread', () => {
  it('posts into the thread the question came from', async () => {
    const ref = await platform.post(thread('C1'), status('考え中…'));
    const [message] = slack.messages('C1');
    expect(message).toMatchObject({ ts: ref.messageId, threadTs: '1767000000.000001', text: '考え中…' });
    expect(slack.calls('chat.postMessage')[0]!.token).toBe(token);
  });

  it('starts a thread when there is none yet and reports its id', async () => {
    const ref = await platform.post(thread('C1', ''), status('考え中…'));
    expect(slack.messages('C1')[0]!.threadTs).toBeUndefined();
    expect(ref.thread.threadId).toBe(ref.messageId);
  });

  it('posts once for one idempotency key, however many callers race to post it', async () => {
    const [a, b] = await Promise.all([
      platform.post(thread('C1'), status('考え中…'), { idempotencyKey: 'task-1:placeholder' }),
      platform.post(thread('C1'), status('考え中…'), { idempotencyKey: 'task-1:placeholder' }),
    ]);
    expect(a).toEqual(b);
    expect(slack.messages('C1')).toHaveLength(1);
    await platform.post(thread('C1'), status('考え中…'), { idempotencyKey: 'task-2:placeholder' });
    expect(slack.messages('C1')).toHaveLength(2);
  });

  it('coalesces rapid step updates into one edit a second carrying the latest steps', async () => {
    const ref = await platform.post(thread('C1'), status('考え中…'));
    const done = [1, 2, 3, 4, 5].map((n) =>
      platform.update(
        ref,
        status(
          '考え中…',
          Array.from({ length: n }, (_, i) => `step ${i + 1}`),
        ),
      ),
    );
    await Promise.resolve();
    expect(slack.calls('chat.update')).toHaveLength(0);

    timers.advance(1000);
    await Promise.all(done);
    const updates = slack.calls('chat.update');
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0]!.params.blocks)).toContain('step 5');

    // The next edit waits for the next second again.
    const next = platform.update(ref, status('考え中…', ['step 6']));
    await Promise.resolve();
    expect(slack.calls('chat.update')).toHaveLength(1);
    timers.advance(1000);
    await next;
    expect(slack.calls('chat.update')).toHaveLength(2);
  });

  it('never lets a late progress update replace the final answer', async () => {
    const ref = await platform.post(thread('C1'), status('考え中…'));
    const pendingStep = platform.update(ref, status('考え中…', ['クエリを実行中']));
    const final = platform.update(ref, {
      kind: 'reply',
      reply: { kind: 'answer', locale: 'ja', text: '先月の売上は 1.2億円でした。' },
    });
    const lateStep = platform.update(ref, status('考え中…', ['グラフを作成中']));
    timers.advance(1000);
    await Promise.all([pendingStep, final, lateStep]);
    timers.advance(5000);
    await platform.update(ref, status('考え中…', ['もっと遅いステップ']));

    const message = slack.messages('C1')[0]!;
    expect(message.text).toBe('先月の売上は 1.2億円でした。');
    expect(message.history.map((version) => version.text)).toEqual([
      '考え中…',
      '先月の売上は 1.2億円でした。',
    ]);
  });

  it('splits a long answer into several messages in the same thread', async () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `第${i + 1}段落。${'売上データの説明です。'.repeat(250)}`,
    );
    const ref = await platform.post(thread('C1'), status('考え中…'));
    const final = platform.update(ref, {
      kind: 'reply',
      reply: { kind: 'answer', locale: 'ja', text: paragraphs.join('\n\n') },
    });
    timers.advance(1000);
    await final;
    const messages = slack.messages('C1');
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]!.ts).toBe(ref.messageId);
    expect(messages.slice(1).every((m) => m.threadTs === '1767000000.000001')).toBe(true);
    // Every paragraph arrives, in order, across the messages.
    const shown = messages.map((m) => JSON.stringify(m.blocks)).join('');
    const positions = paragraphs.map((_, i) => shown.indexOf(`第${i + 1}段落`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe('uploading a chart', () => {
  it('uploads the PNG bytes into the thread through the external upload flow', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const uploaded = await platform.upload(thread('C1'), {
      filename: 'sales.png',
      mimeType: 'image/png',
      bytes: png,
      title: '都道府県別の売上',
    });
    expect(uploaded.shownInThread).toBe(true);
    expect(slack.calls().map((call) => call.method)).toEqual([
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const file = slack.state.files.get(uploaded.fileId)!;
    expect(file).toMatchObject({
      completed: true,
      channel: 'C1',
      threadTs: '1767000000.000001',
      title: '都道府県別の売上',
    });
    expect(new Uint8Array(file.bytes!)).toEqual(png);
  });
});

describe('rate limits', () => {
  it('waits out a 429 in channel A while channel B keeps answering with no delay', async () => {
    slack.rateLimit({ method: 'chat.postMessage', channel: 'CA', retryAfterSeconds: 30, times: 1 });

    const firstA = platform.post(thread('CA'), status('A1'));
    const secondA = platform.post(thread('CA'), status('A2'));
    await vi.waitFor(() => expect(rateLimited).toEqual([{ key: `${TEAM}:CA`, ms: 30_000 }]));

    // Channel B: three answers go straight through while A is waiting; time has not moved.
    const startedAt = timers.clock.now().getTime();
    await Promise.all(['B1', 'B2', 'B3'].map((text) => platform.post(thread('CB'), status(text))));
    expect(slack.messages('CB').map((m) => m.text)).toEqual(['B1', 'B2', 'B3']);
    expect(timers.clock.now().getTime()).toBe(startedAt);
    expect(slack.messages('CA')).toHaveLength(0);

    // 29 s: still waiting. 30 s: A's posts go out, in order, each exactly once.
    timers.advance(29_000);
    await Promise.resolve();
    expect(slack.messages('CA')).toHaveLength(0);
    timers.advance(1_000);
    await Promise.all([firstA, secondA]);
    expect(slack.messages('CA').map((m) => m.text)).toEqual(['A1', 'A2']);
    expect(
      slack
        .calls('chat.postMessage')
        .filter((c) => c.params.channel === 'CA')
        .map((c) => c.status),
    ).toEqual([429, 200, 200]);
  });

  it('keeps the final answer through a rate-limited update', async () => {
    const ref = await platform.post(thread('CA'), status('考え中…'));
    slack.rateLimit({ method: 'chat.update', channel: 'CA', retryAfterSeconds: 2, times: 1 });
    const final = platform.update(ref, {
      kind: 'reply',
      reply: { kind: 'info', locale: 'en', text: 'Done.' },
    });
    timers.advance(1000);
    await vi.waitFor(() => expect(rateLimited).toHaveLength(1));
    timers.advance(2000);
    await final;
    expect(slack.messages('CA')[0]!.text).toContain('Done.');
  });
});
