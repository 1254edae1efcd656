/**
 * Google Chat events delivered through Pub/Sub (apps behind a firewall), on the real
 * Pub/Sub emulator: the same handler, the same answer in the asker's thread. If this
 * broke, a company running Kotae behind its firewall would get no answers, duplicated
 * answers after a redelivery, or lose questions when the database hiccups.
 */
import type { PubSub, Topic } from '@google-cloud/pubsub';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { GchatEventHandler } from '../../../src/bot/gchat/gchat-event-handler.ts';
import {
  startChatPubSubReceiver,
  type ChatPubSubReceiver,
} from '../../../src/bot/gchat/gchat-pubsub-subscriber.ts';
import { KotaeError } from '../../../src/core/errors.ts';
import { createPubSubClient } from '../../../src/queue/pubsub-client.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { chatEvent } from '../../fakes/gchat/chat-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { PUBLIC_BASE_URL, startGchatStack, type GchatStack } from '../../support/gchat-stack.ts';
import { solidPng } from '../../support/png.ts';

const emulatorHost = inject('pubsubEmulatorHost');
if (!emulatorHost)
  console.warn('[kotae tests] Pub/Sub emulator absent: skipping the Google Chat Pub/Sub tests.');

const SPACE = 'spaces/AAAAfirewall';
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${counter++}`;

describe.skipIf(!emulatorHost)('Google Chat events over Pub/Sub', () => {
  let db: TestDatabase;
  let stack: GchatStack;
  let pubsub: PubSub;
  let topic: Topic;
  let subscription: string;
  let receiver: ChatPubSubReceiver | null = null;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    stack = await startGchatStack({ db });
    await stack.startWorker();
    pubsub = createPubSubClient({ projectId: 'kotae-gchat-test', emulatorHost });
    // What the admin creates once: Chat publishes to the topic, Kotae pulls the subscription.
    [topic] = await pubsub.createTopic(unique('chat-events'));
    subscription = unique('kotae-chat');
    await topic.createSubscription(subscription, { ackDeadlineSeconds: 10 });
  });
  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
    await stack?.close();
    await pubsub?.close();
  });

  const listen = (handler: GchatEventHandler = stack.handler) => {
    receiver = startChatPubSubReceiver({
      pubsub,
      subscription,
      handler,
      platform: stack.platform,
      logger: silentLogger,
    });
  };
  /** Publishes an event the way Chat does: the event JSON as the message data. */
  const publish = (event: unknown) => topic.publishMessage({ data: Buffer.from(JSON.stringify(event)) });

  function ask() {
    const message = stack.api.userMessage(SPACE, '@Kotae 先月の売上トップ10の店舗は？');
    return {
      message,
      event: chatEvent('message-mention', {
        space: SPACE,
        thread: message.thread.name,
        message: message.name,
      }),
    };
  }

  async function completed(thread: string) {
    await vi.waitFor(
      async () => {
        const task = await db.prisma.task.findFirst({ where: { threadId: thread } });
        if (task?.status !== 'COMPLETED') throw new Error(`task is ${task?.status ?? 'missing'}`);
      },
      { timeout: 20_000, interval: 50 },
    );
    await stack.platform.limiter.idle();
    return stack.api.thread(thread).filter((m) => m.sender.type === 'BOT');
  }

  it('answers an event from the subscription in the asker’s thread, with the chart', async () => {
    listen();
    const { message, event } = ask();
    await publish(event);

    const bot = await completed(message.thread.name);
    expect(bot).toHaveLength(1);
    const creates = stack.api.writes.filter((w) => w.method === 'create' && w.status === 200);
    expect(creates).toHaveLength(1);
    const imageUrl = JSON.stringify(bot[0]!.cardsV2).match(/"imageUrl":"([^"]+)"/)?.[1];
    expect(imageUrl?.startsWith(`${PUBLIC_BASE_URL}/charts/`)).toBe(true);
    const image = await fetch(stack.local(imageUrl!));
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(solidPng(8, 6));
  });

  it('gives one answer when the same event is published twice', async () => {
    listen();
    const { message, event } = ask();
    await Promise.all([publish(event), publish(event)]);
    const bot = await completed(message.thread.name);
    // Give a straggling second delivery time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot).toHaveLength(1);
    expect(await db.prisma.task.count({ where: { threadId: message.thread.name } })).toBe(1);
  });

  it('nacks when intake fails in a way worth retrying, and answers the redelivery', async () => {
    let calls = 0;
    listen({
      handle: async (body) => {
        calls += 1;
        if (calls === 1)
          throw new KotaeError('database_unavailable', 'connection refused', { retryable: true });
        return await stack.handler.handle(body);
      },
    });
    const { message, event } = ask();
    await publish(event);
    const bot = await completed(message.thread.name);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(bot).toHaveLength(1);
  });

  it('posts through the Chat API what HTTP would have answered: the welcome', async () => {
    listen();
    await publish(chatEvent('added-to-space', { space: SPACE }));
    await vi.waitFor(
      () => {
        const welcome = [...stack.api.messages.values()].find(
          (m) => m.space.name === SPACE && m.sender.type === 'BOT',
        );
        if (!welcome) throw new Error('no welcome yet');
        expect(welcome.text).toContain('/kotae help');
      },
      { timeout: 20_000, interval: 50 },
    );
  });
});
