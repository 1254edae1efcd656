/**
 * The Slack request URL end to end: signed requests in, tasks and placeholder replies out.
 * If these break, a user mentions @Kotae and nothing happens (or happens twice), forged
 * requests get in, or the bot answers other bots and its own edits.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  BOT_USER,
  fixture,
  settle,
  startSlackHarness,
  TEAM,
  useSlackHarness,
} from '../../support/slack-harness.ts';

const ctx = useSlackHarness();

describe('request verification', () => {
  it('answers Slack’s URL verification challenge', async () => {
    const response = await ctx.slack.sendEvent(fixture('url_verification'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });

  it('accepts a validly signed event', async () => {
    expect((await ctx.slack.sendEvent(fixture('app_mention'))).status).toBe(200);
    expect(await ctx.db.prisma.task.count()).toBe(1);
  });

  it.each([
    ['a timestamp 301 s old', { skewSeconds: -301 }],
    ['a body altered by one byte', { tamper: (raw: string) => raw.replace('トップ10', 'トップ11') }],
    ['no signature header', { omitHeader: 'x-slack-signature' as const }],
    ['no timestamp header', { omitHeader: 'x-slack-request-timestamp' as const }],
    ['the wrong signing secret', { secret: 'not-the-signing-secret' }],
  ])('refuses %s with 401 and enqueues nothing', async (_name, options) => {
    const response = await ctx.slack.sendEvent(fixture('app_mention'), options);
    expect(response.status).toBe(401);
    await settle();
    expect(await ctx.db.prisma.task.count()).toBe(0);
    expect(ctx.slack.fake.calls().filter((call) => call.method !== 'auth.test')).toHaveLength(0);
  });
});

describe('questions', () => {
  it('turns a mention into a task in that thread and puts a placeholder there after the ack', async () => {
    const response = await ctx.slack.sendEvent(fixture('app_mention'));
    expect(response.status).toBe(200);
    const task = await ctx.db.prisma.task.findFirstOrThrow();
    expect(task).toMatchObject({
      question: '先月の都道府県別売上トップ10は？',
      channelId: 'C123ABC456',
      threadId: '1515449522.000016',
      userId: 'U061F7AUR',
      workspaceKey: TEAM,
      locale: 'ja',
      idempotencyKey: `slack:${TEAM}:Ev123ABC456`,
    });
    await vi.waitFor(() => expect(ctx.slack.fake.messages('C123ABC456')).toHaveLength(1));
    const placeholder = ctx.slack.fake.messages('C123ABC456')[0]!;
    expect(placeholder).toMatchObject({ threadTs: '1515449522.000016', text: '考え中…', userId: BOT_USER });
    await vi.waitFor(async () =>
      expect((await ctx.db.prisma.task.findFirstOrThrow()).placeholderId).toBe(placeholder.ts),
    );
  });

  it('takes a direct message as a question and answers in its thread', async () => {
    await ctx.slack.sendEvent(fixture('message_im'));
    const task = await ctx.db.prisma.task.findFirstOrThrow();
    expect(task).toMatchObject({ channelId: 'D024BE91L', threadId: '1355517523.000005', locale: 'en' });
    await vi.waitFor(() => expect(ctx.slack.fake.messages('D024BE91L')[0]?.text).toBe('Working on it…'));
  });

  it('ignores other bots, edits and the bot’s own messages', async () => {
    const own = fixture<{ event: Record<string, unknown>; event_id: string }>('message_im');
    own.event.user = BOT_USER;
    own.event_id = 'Ev0OWNMSG01';
    for (const body of [fixture('message_im_bot'), fixture('message_changed'), own]) {
      expect((await ctx.slack.sendEvent(body)).status).toBe(200);
    }
    await settle();
    expect(await ctx.db.prisma.task.count()).toBe(0);
    expect(ctx.slack.fake.calls().filter((call) => call.method !== 'auth.test')).toHaveLength(0);
  });

  it('tells the asker privately when the question is empty', async () => {
    const body = fixture<{ event: { text: string } }>('app_mention');
    body.event.text = `<@${BOT_USER}>   `;
    expect((await ctx.slack.sendEvent(body)).status).toBe(200);
    await vi.waitFor(() => expect(ctx.slack.fake.state.ephemeral).toHaveLength(1));
    expect(ctx.slack.fake.state.ephemeral[0]).toMatchObject({
      channel: 'C123ABC456',
      user: 'U061F7AUR',
      threadTs: '1515449522.000016',
    });
    expect(ctx.slack.fake.state.ephemeral[0]!.text).toContain('質問が空です');
    expect(await ctx.db.prisma.task.count()).toBe(0);
  });

  it('answers 503 before Slack’s 3 s when storing is slow; the retry then finds the question stored', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await startSlackHarness({
      prisma: ctx.db.prisma,
      overrides: {
        intake: {
          submit: async (event) => {
            await gate;
            return await ctx.slack.intake.submit(event);
          },
          postPlaceholder: (taskId, platform) => ctx.slack.intake.postPlaceholder(taskId, platform),
        },
      },
    });
    try {
      const pending = slow.sendEvent(fixture('app_mention'));
      await vi.waitFor(() => expect(slow.timers.pending()).toBeGreaterThan(0));
      slow.timers.advance(2_499);
      await settle();
      expect(slow.timers.pending()).toBe(1);
      slow.timers.advance(1);
      expect((await pending).status).toBe(503);
      release();
      await vi.waitFor(async () => expect(await ctx.db.prisma.task.count()).toBe(1));
      const retry = await slow.sendEvent(fixture('app_mention'), { retryNum: 1, retryReason: 'http_error' });
      expect(retry.status).toBe(200);
      expect(await ctx.db.prisma.task.count()).toBe(1);
    } finally {
      release();
      await slow.close();
    }
  });

  it('answers 500 when the question cannot be stored, so Slack retries it', async () => {
    const broken = await startSlackHarness({
      prisma: ctx.db.prisma,
      overrides: {
        intake: {
          submit: async () => {
            throw new Error('database unavailable');
          },
          postPlaceholder: async () => {},
        },
      },
    });
    try {
      expect((await broken.sendEvent(fixture('app_mention'))).status).toBe(500);
    } finally {
      await broken.close();
    }
  });
});
