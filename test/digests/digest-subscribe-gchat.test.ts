/**
 * Subscribe from a Google Chat answer through the fake Chat API: the answer card's
 * Subscribe button opens a dialog (interaction OPEN_DIALOG; the click is answered with
 * actionResponse DIALOG and the form); a bad SUBMIT_DIALOG keeps the dialog open with
 * INVALID_ARGUMENT and the reason in the clicker's language, saving nothing; a good one
 * stores the digest and closes with OK. On a manual clock at the slot the tick delivers
 * the digest as a new card in the space, with the change and the chart by signed https URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.ts';
import { nextSlot, parseDigestSchedule } from '../../src/digests/digest-schedule.ts';
import type { Worker } from '../../src/worker/worker.ts';
import type { Warehouse } from '../../src/app/warehouse.ts';
import { chatEvent, dialogEvent } from '../fakes/gchat/chat-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  digestTick,
  openDemoWarehouse,
  recordingDirectMessages,
  startDigestWorker,
} from '../support/digest-harness.ts';
import { startGchatStack, type GchatStack } from '../support/gchat-stack.ts';
import { FINAL_SQL, SALES_SPEC, salesAnswerHandler } from '../support/sales-answer.ts';
import { eventually } from '../support/test-kotae.ts';

const SPACE = 'spaces/AAAAsales01';
const PERSON = 'users/102938475610293847561';

describe('subscribe from a Google Chat answer', () => {
  let db: TestDatabase;
  let stack: GchatStack;
  let warehouse: Warehouse;
  let worker: Worker | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    stack = await startGchatStack({ db, handler: await salesAnswerHandler() });
    warehouse = await openDemoWarehouse(db.prisma);
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
    await warehouse?.close();
    await db?.drop();
  });

  it('opens the dialog from the card, validates the submission, subscribes, and the tick posts', async () => {
    await stack.startWorker();
    const asked = stack.api.userMessage(SPACE, '@Kotae 先週の日別売上は？');
    const thread = asked.thread.name;
    await stack.postEvent(chatEvent('message-mention', { space: SPACE, thread, message: asked.name }));
    type Button = {
      onClick?: {
        action?: {
          function?: string;
          interaction?: string;
          parameters?: Array<{ key: string; value: string }>;
        };
      };
    };
    const subscribeButton = (card: unknown): Button | undefined =>
      JSON.stringify(card).includes('kotae_subscribe')
        ? (
            JSON.parse(JSON.stringify(card)) as {
              card?: { sections?: Array<{ widgets?: Array<{ buttonList?: { buttons: Button[] } }> }> };
            }
          ).card?.sections
            ?.flatMap((section) => section.widgets ?? [])
            .flatMap((widget) => widget.buttonList?.buttons ?? [])
            .find((button) => button.onClick?.action?.function === 'kotae_subscribe')
        : undefined;
    const answer = await eventually(async () =>
      stack.api
        .thread(thread)
        .find((message) => message.sender.type === 'BOT' && subscribeButton(message.cardsV2?.[0])),
    );
    const action = subscribeButton(answer.cardsV2![0])!.onClick!.action!;
    expect(action.interaction).toBe('OPEN_DIALOG');
    const taskId = action.parameters!.find((parameter) => parameter.key === 'taskId')!.value;

    const target = { space: SPACE, thread, message: answer.name };
    const opened = await stack.postEvent(
      dialogEvent(target, { type: 'REQUEST_DIALOG', function: 'kotae_subscribe', parameters: { taskId } }),
    );
    const dialog = (await opened.json()) as {
      actionResponse: { type: string; dialogAction: { dialog: { body: Record<string, unknown> } } };
    };
    expect(dialog.actionResponse.type).toBe('DIALOG');
    const body = JSON.stringify(dialog.actionResponse.dialogAction.dialog.body);
    for (const name of ['title', 'preset', 'weekday', 'day', 'time', 'timeZone', 'emptyMode'])
      expect(body).toContain(`"name":"${name}"`);
    expect(body).toContain('定期配信の設定');

    const form = (inputs: Record<string, string> = {}) => ({
      title: '日次売上',
      preset: 'daily',
      weekday: 'mon',
      day: '',
      time: '09:00',
      timeZone: 'Asia/Tokyo',
      emptyMode: 'post',
      ...inputs,
    });
    const submit = async (formInputs: Record<string, string>, userLocale: string) => {
      const response = await stack.postEvent(
        dialogEvent(target, {
          type: 'SUBMIT_DIALOG',
          function: 'kotae_subscribe',
          parameters: { taskId },
          formInputs,
          userLocale,
        }),
      );
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    expect(await submit(form({ time: '25:00' }), 'en')).toEqual({
      actionResponse: {
        type: 'DIALOG',
        dialogAction: {
          actionStatus: {
            statusCode: 'INVALID_ARGUMENT',
            userFacingMessage: expect.stringMatching(/^Cannot read the schedule "daily 25:00"/),
          },
        },
      },
    });
    expect(await submit(form({ timeZone: 'Mars/Olympus' }), 'ja')).toMatchObject({
      actionResponse: {
        dialogAction: {
          actionStatus: {
            statusCode: 'INVALID_ARGUMENT',
            userFacingMessage: expect.stringMatching(/^タイムゾーン「Mars\/Olympus」/),
          },
        },
      },
    });
    expect(await db.prisma.subscription.count()).toBe(0);

    expect(await submit(form(), 'ja')).toMatchObject({
      actionResponse: {
        type: 'DIALOG',
        dialogAction: {
          actionStatus: {
            statusCode: 'OK',
            userFacingMessage: expect.stringMatching(/^定期配信「日次売上」を登録しました/),
          },
        },
      },
    });
    const stored = await db.prisma.subscription.findFirstOrThrow();
    expect([stored.sql, stored.schedule, stored.timeZone, stored.createdBy, stored.channelId]).toEqual([
      FINAL_SQL,
      'daily 09:00',
      'Asia/Tokyo',
      PERSON,
      SPACE,
    ]);
    expect(stored.chartSpec).toEqual(SALES_SPEC);

    // The next 09:00 in Tokyo after the subscription; yesterday's digest said 1.
    const slot = nextSlot(parseDigestSchedule('daily 09:00'), 'Asia/Tokyo', stored.createdAt);
    await db.prisma.digestRun.create({
      data: {
        subscriptionId: stored.id,
        scheduledFor: new Date(slot.getTime() - 86_400_000),
        status: 'posted',
        headline: 1,
      },
    });
    const clock = createManualClock(new Date(slot.getTime() + 20_000));
    const digests = await startDigestWorker({
      prisma: db.prisma,
      platform: stack.platform,
      directMessages: recordingDirectMessages(),
      openWarehouse: (view) => warehouse.open(view),
      clock,
    });
    worker = digests.worker;
    expect(await digestTick(db.prisma, digests.queue, clock)()).toMatchObject({ enqueued: 1 });
    const run = await eventually(
      async () =>
        (await db.prisma.digestRun.findFirst({
          where: { subscriptionId: stored.id, scheduledFor: slot, status: 'posted' },
        })) ?? undefined,
    );
    const messageId = run.messageId ?? '';
    await stack.platform.limiter.idle();
    const digest = stack.api.messages.get(messageId)!;
    expect(digest.thread.name).not.toBe(thread);
    const card = JSON.stringify(digest.cardsV2);
    expect(card).toContain('日次売上');
    expect(card).toMatch(/前回比 ▲ \+?[\d,.]+（\+?[\d,.]+%）/);
    expect(card).toMatch(/"imageUrl":"https:\/\/[^"]+"/);
    expect(card).not.toContain('kotae_subscribe');
  });
});
