/**
 * Subscribe from a Slack answer, end to end through the composition root and the fake
 * Slack Web API: the answer carries the Subscribe button; its click opens the modal with
 * views.open before the click is acked (within the trigger's 3 s); a bad submission is
 * refused with `response_action: errors` on its field, in the asker's language, and saves
 * nothing; a good one stores the digest and confirms privately. On a manual clock moved to
 * the slot, Cloud Scheduler's tick posts the digest as a new top-level message with the
 * change against the previous run and uploads its chart into the digest's thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { buttonClick, viewSubmission, type InputState } from '../fakes/slack/interactions.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { startDigestScheduler, type DigestScheduler } from '../support/digest-scheduler.ts';
import { FINAL_SQL, SALES_SPEC, salesAnswerHandler } from '../support/sales-answer.ts';
import { fixture } from '../support/slack-harness.ts';
import { slackPoster } from '../support/slack-signed-post.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const SECRET = 'digest-signing-secret';
const TEAM = 'T123ABC456';
const CHANNEL = 'C123ABC456';
const ASKER = { team: TEAM, user: 'U061F7AUR' };
/** 09:00 in Tokyo on 2 November 2026. */
const SLOT = new Date('2026-11-02T00:00:00Z');

describe('subscribe from a Slack answer', () => {
  const clock = createManualClock(new Date('2026-11-02T08:30:00+09:00'));
  let db: TestDatabase;
  let fake: FakeSlack;
  let scheduler: DigestScheduler;
  let kotae: Kotae;
  const slack = slackPoster(
    () => kotae.url,
    SECRET,
    () => clock.now(),
  );

  beforeAll(async () => {
    [db, fake, scheduler] = await Promise.all([
      createTestDatabase('postgres'),
      startFakeSlack(),
      startDigestScheduler(),
    ]);
    const botToken = fake.addBot(TEAM, { botUserId: 'U0LAN0Z89', botId: 'B0KOTAE' });
    kotae = await startTestKotae(db, {
      handler: await salesAnswerHandler(),
      clock,
      env: {
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: botToken,
        SLACK_API_URL: fake.apiUrl,
        DUCKDB_PATH: await sharedDemoPath(),
        ...scheduler.env,
      },
    });
  });
  afterAll(async () => {
    await kotae?.stop();
    await scheduler?.close();
    await fake?.close();
    await db?.drop();
  });

  it('opens the modal from the answer, validates, subscribes, and the tick posts the digest', async () => {
    expect((await slack.event(fixture('app_mention'))).status).toBe(200);
    type Button = { action_id?: string; value?: string };
    const buttonsOf = (blocks: unknown[] | undefined) =>
      ((blocks ?? []) as Array<{ type: string; elements?: Button[] }>)
        .filter((block) => block.type === 'actions')
        .flatMap((block) => block.elements ?? []);
    const answer = await eventually(async () =>
      fake
        .messages(CHANNEL)
        .find((message) => buttonsOf(message.blocks).some((b) => b.action_id === 'kotae_subscribe')),
    );
    const button = buttonsOf(answer.blocks).find((b) => b.action_id === 'kotae_subscribe')!;
    expect(JSON.stringify(button)).toContain('毎日届ける');

    const trigger = fake.issueTrigger();
    const issuedAt = fake.state.triggers.get(trigger)!;
    const clicked = await slack.interaction(
      buttonClick(ASKER, {
        channel: CHANNEL,
        ts: answer.ts,
        ...(answer.threadTs ? { threadTs: answer.threadTs } : {}),
        actionId: 'kotae_subscribe',
        value: button.value!,
        triggerId: trigger,
      }),
    );
    expect(clicked.status).toBe(200);
    // Opened before the ack went back, with the click's trigger, inside its 3 seconds.
    const opened = fake.state.views;
    expect(opened).toHaveLength(1);
    expect(opened[0]!.triggerId).toBe(trigger);
    expect(opened[0]!.at - issuedAt).toBeLessThan(3_000);
    expect(opened[0]!.view.callback_id).toBe('kotae_subscribe');
    expect(JSON.stringify(opened[0]!.view)).toContain('定期配信の設定');

    const inputs = (overrides: Record<string, InputState> = {}): Record<string, InputState> => ({
      title: { type: 'plain_text_input', value: '日次売上' },
      preset: { type: 'static_select', value: 'daily' },
      weekday: { type: 'static_select', value: 'mon' },
      day: { type: 'number_input', value: null },
      time: { type: 'timepicker', value: '09:00' },
      timeZone: { type: 'plain_text_input', value: 'Asia/Tokyo' },
      emptyMode: { type: 'static_select', value: 'post' },
      ...overrides,
    });
    const submit = async (values: Record<string, InputState>) => {
      const response = await slack.interaction(
        viewSubmission(ASKER, opened[0]!, values, fake.issueTrigger()),
      );
      expect(response.status).toBe(200);
      const text = await response.text();
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    expect(await submit(inputs({ timeZone: { type: 'plain_text_input', value: 'Mars/Olympus' } }))).toEqual({
      response_action: 'errors',
      errors: {
        timeZone: expect.stringMatching(/^タイムゾーン「Mars\/Olympus」は IANA の名前ではありません/),
      },
    });
    expect(
      await submit(
        inputs({
          preset: { type: 'static_select', value: 'monthly' },
          day: { type: 'number_input', value: '32' },
        }),
      ),
    ).toEqual({ response_action: 'errors', errors: { day: '日は 1〜31 の数で入力してください。' } });
    expect(await db.prisma.subscription.count()).toBe(0);

    expect(await submit(inputs())).toEqual({});
    const stored = await db.prisma.subscription.findFirstOrThrow();
    expect([
      stored.name,
      stored.sql,
      stored.schedule,
      stored.timeZone,
      stored.createdBy,
      stored.channelId,
    ]).toEqual(['日次売上', FINAL_SQL, 'daily 09:00', 'Asia/Tokyo', ASKER.user, CHANNEL]);
    expect(stored.chartSpec).toEqual(SALES_SPEC);
    await expect
      .poll(() => fake.state.ephemeral.map((message) => `${message.user}:${message.text}`).join('\n'))
      .toMatch(new RegExp(`${ASKER.user}:定期配信「日次売上」を登録しました`));

    await db.prisma.digestRun.create({
      data: {
        subscriptionId: stored.id,
        scheduledFor: new Date(SLOT.getTime() - 86_400_000),
        status: 'posted',
        headline: 1,
      },
    });
    clock.set(new Date(SLOT.getTime() + 20_000));
    expect((await scheduler.tick(kotae.url)).body).toMatchObject({ ok: true, enqueued: 1 });
    const run = await eventually(
      async () =>
        (await db.prisma.digestRun.findFirst({
          where: { subscriptionId: stored.id, scheduledFor: SLOT, status: 'posted' },
        })) ?? undefined,
    );
    const digest = fake.messages(CHANNEL).find((message) => message.ts === run.messageId)!;
    expect(digest.threadTs).toBeUndefined();
    const shown = JSON.stringify(digest.blocks);
    expect(shown).toContain('日次売上');
    expect(shown).toMatch(/前回比 ▲ \+?[\d,.]+（\+?[\d,.]+%）/);
    expect(shown).not.toContain('kotae_subscribe');
    const chart = await eventually(async () =>
      [...fake.state.files.values()].find((file) => file.completed && file.threadTs === digest.ts),
    );
    expect(chart.length).toBeGreaterThan(1_000);
  });
});
