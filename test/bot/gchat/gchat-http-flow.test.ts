/**
 * Google Chat over its HTTP endpoint, end to end: bearer token → event → task → worker
 * (scripted handler) → placeholder, progress and a final card in the asker's thread, as
 * the fake Chat API records it, with the chart served from a signed URL.
 *
 * A person in Chat would notice if any of this broke: no answer, an answer in the wrong
 * thread or twice, a broken chart image — or strangers able to make Kotae run queries.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatEvent } from '../../fakes/gchat/chat-events.ts';
import type { FakeMessage } from '../../fakes/gchat/fake-chat-api.ts';
import { endpointUrlClaims, projectNumberClaims } from '../../fakes/gchat/google-signer.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import {
  CHART_TTL_MS,
  PROJECT_NUMBER,
  PUBLIC_BASE_URL,
  startGchatStack,
  type GchatStack,
} from '../../support/gchat-stack.ts';
import { solidPng } from '../../support/png.ts';

const SPACE = 'spaces/AAAAsales01';

describe('Google Chat HTTP endpoint', () => {
  let db: TestDatabase;
  let stack: GchatStack;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    stack = await startGchatStack({ db });
  });
  afterEach(async () => {
    await stack?.close();
  });

  /** A person's @mention in a new thread, and the event Chat would send for it. */
  function ask(text = '@Kotae 先月の売上トップ10の店舗は？', fixture = 'message-mention') {
    const message = stack.api.userMessage(SPACE, text);
    const event = chatEvent(fixture, { space: SPACE, thread: message.thread.name, message: message.name });
    return { message, event };
  }

  const botMessages = (thread: string): FakeMessage[] =>
    stack.api.thread(thread).filter((m) => m.sender.type === 'BOT');

  /** The bot's message in the thread once the task behind it has completed. */
  async function finalAnswer(thread: string): Promise<FakeMessage> {
    await vi.waitFor(
      async () => {
        const task = await db.prisma.task.findFirst({ where: { threadId: thread } });
        if (task?.status !== 'COMPLETED') throw new Error(`task is ${task?.status ?? 'missing'}`);
      },
      { timeout: 15_000, interval: 50 },
    );
    await stack.platform.limiter.idle();
    return botMessages(thread)[0]!;
  }

  it('answers a mention in the asker’s thread: placeholder, throttled progress, final card with the chart', async () => {
    await stack.startWorker();
    const { message, event } = ask();
    const response = await stack.postEvent(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});

    const answer = await finalAnswer(message.thread.name);
    expect(botMessages(message.thread.name)).toHaveLength(1);
    expect(cardText(answer)).toContain('渋谷店');

    const writes = stack.api.writes.filter((w) => w.space === SPACE && w.status === 200);
    const creates = writes.filter((w) => w.method === 'create');
    expect(creates).toHaveLength(1); // the placeholder, later replaced in place
    const patches = writes.filter((w) => w.method === 'patch');
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(patches.every((w) => w.messageName === creates[0]!.messageName)).toBe(true);
    // Progress went out throttled: never more than the per-minute budget.
    expect(writes.length).toBeLessThanOrEqual(30);

    const task = await db.prisma.task.findFirstOrThrow({ where: { threadId: message.thread.name } });
    expect(task).toMatchObject({ question: '先月の売上トップ10の店舗は？', channelId: SPACE });
    expect(task.placeholderId).toBe(creates[0]!.messageName);

    // The card's image is a signed URL to our chart route, and it serves the PNG.
    const publicUrl = JSON.stringify(answer.cardsV2).match(/"imageUrl":"([^"]+)"/)?.[1];
    expect(publicUrl).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/charts/[0-9a-f-]{36}\\.png\\?exp=\\d+&sig=`));
    const imageUrl = stack.local(publicUrl!);
    const image = await fetch(imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(solidPng(8, 6));

    const tampered = new URL(imageUrl);
    tampered.searchParams.set(
      'sig',
      tampered.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    );
    expect((await fetch(tampered)).status).toBe(403);

    // The URL's expiry was set by the worker on real time, a week out; Chat's side runs on
    // virtual time, so step that clock to just past the expiry the URL itself carries.
    const exp = Number(new URL(imageUrl).searchParams.get('exp')) * 1000;
    expect(exp - Date.now()).toBeGreaterThan(CHART_TTL_MS - 60_000);
    stack.time.clock.set(new Date(exp - 1000));
    expect((await fetch(imageUrl)).status).toBe(200);
    stack.time.clock.set(new Date(exp + 1000));
    expect((await fetch(imageUrl)).status).toBe(403);
  });

  it('gives one answer when Chat delivers the same event twice', async () => {
    await stack.startWorker();
    const { message, event } = ask();
    const [first, second] = await Promise.all([stack.postEvent(event), stack.postEvent(event)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await stack.postEvent(event);
    expect(third.status).toBe(200);

    await finalAnswer(message.thread.name);
    // Let any stray second run finish before counting.
    await stack.platform.limiter.idle();
    expect(await db.prisma.task.count({ where: { threadId: message.thread.name } })).toBe(1);
    expect(botMessages(message.thread.name)).toHaveLength(1);
    expect(stack.api.writes.filter((w) => w.method === 'create' && w.status === 200)).toHaveLength(1);
  });

  it('answers five concurrent questions in one space within the write budget, riding out 429s', async () => {
    await stack.close();
    stack = await startGchatStack({ db, workerConcurrency: 5 });
    await stack.startWorker();
    // The first questions from a new workspace arrive together (this once failed with 500s).
    // Chat's own per-space quota, plus a few refusals from "other apps" using it up.
    stack.api.limitWritesPerMinute(60);
    stack.api.rejectNextWrites(3, { space: SPACE });
    const asked = Array.from({ length: 5 }, (_, i) => ask(`@Kotae 質問 ${i + 1}: 店舗別の売上は？`));
    const responses = await Promise.all(asked.map(({ event }) => stack.postEvent(event)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

    for (const { message } of asked) {
      const answer = await finalAnswer(message.thread.name);
      expect(botMessages(message.thread.name)).toHaveLength(1);
      expect(cardText(answer)).toContain('渋谷店');
    }
    const writes = stack.api.writes.filter((w) => w.space === SPACE);
    expect(writes.filter((w) => w.status === 429).length).toBeGreaterThanOrEqual(3);
    expect(maxWritesInAnyMinute(writes.map((w) => w.at))).toBeLessThanOrEqual(30);
  });

  describe('bearer token', () => {
    const now = () => new Date();
    it.each([
      ['missing', () => null],
      ['not a bearer token', () => 'Basic dXNlcjpwYXNz'],
      [
        'for another project',
        (s: GchatStack) => `Bearer ${s.google.sign(projectNumberClaims('999999999999', now()))}`,
      ],
      [
        'from another issuer',
        (s: GchatStack) =>
          `Bearer ${s.google.sign({ ...projectNumberClaims(PROJECT_NUMBER, now()), iss: 'attacker@example.iam.gserviceaccount.com' })}`,
      ],
      [
        'expired',
        (s: GchatStack) =>
          `Bearer ${s.google.sign(projectNumberClaims(PROJECT_NUMBER, new Date(Date.now() - 2 * 3600_000)))}`,
      ],
      [
        'unsigned (alg none)',
        (s: GchatStack) => {
          const payload = s.google.sign(projectNumberClaims(PROJECT_NUMBER, now())).split('.')[1];
          return `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
        },
      ],
      [
        'without a signature',
        (s: GchatStack) =>
          `Bearer ${s.google.sign(projectNumberClaims(PROJECT_NUMBER, now())).replace(/\.[^.]+$/, '.')}`,
      ],
      [
        'an ID token, where the app expects the project number',
        (s: GchatStack) => `Bearer ${s.google.sign(endpointUrlClaims(`${s.url}/gchat/events`, now()))}`,
      ],
    ])('refuses a token that is %s with 401, and queues nothing', async (_label, authorization) => {
      await stack.startWorker();
      const { message, event } = ask();
      const response = await stack.postEvent(event, authorization(stack));
      expect(response.status).toBe(401);
      expect(await db.prisma.task.count({ where: { threadId: message.thread.name } })).toBe(0);
      expect(stack.api.writes).toHaveLength(0);
    });

    it('accepts the endpoint-URL audience when the app is configured for it', async () => {
      await stack.close();
      stack = await startGchatStack({
        db,
        audience: { mode: 'endpoint-url', url: 'https://kotae.example.com/gchat/events' },
      });
      const { event } = ask();
      const idToken = `Bearer ${stack.google.sign(endpointUrlClaims('https://kotae.example.com/gchat/events', now()))}`;
      expect((await stack.postEvent(event, idToken)).status).toBe(200);
      expect((await stack.postEvent(event, stack.bearer())).status).toBe(401);
    });
  });

  it('refuses a body that is not a Chat event with 400, queueing nothing', async () => {
    expect((await stack.postEvent({ hello: 'world' })).status).toBe(400);
    const raw = await fetch(`${stack.url}/gchat/events`, {
      method: 'POST',
      headers: { authorization: stack.bearer(), 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
    expect(stack.api.writes).toHaveLength(0);
  });

  it('answers a bare @mention at once with how to ask, and queues nothing', async () => {
    const { message, event } = ask('@Kotae');
    const inner = event['message'] as Record<string, unknown>;
    inner['text'] = '@Kotae';
    inner['argumentText'] = ' ';
    const body = (await (await stack.postEvent(event)).json()) as { text?: string };
    expect(body.text).toContain('質問が空です');
    expect(await db.prisma.task.count({ where: { threadId: message.thread.name } })).toBe(0);
  });

  it('welcomes the space when added, in both languages when it does not know which', async () => {
    const response = await stack.postEvent(chatEvent('added-to-space', { space: SPACE }));
    const body = (await response.json()) as { text: string };
    expect(response.status).toBe(200);
    expect(body.text).toContain('メンションして質問してください');
    expect(body.text).toContain('Mention me with a question');
    expect(body.text).toContain('/kotae help');

    const removed = await stack.postEvent(chatEvent('removed-from-space', { space: SPACE }));
    expect(await removed.json()).toEqual({});
  });

  it('answers /kotae help privately, through the shared command router', async () => {
    const response = await stack.postEvent(chatEvent('slash-command', { space: SPACE }));
    const body = (await response.json()) as FakeMessage;
    expect(body.privateMessageViewer).toEqual({ name: 'users/102938475610293847561' });
    expect(body.cardsV2).toHaveLength(1);
    expect(cardText(body)).toContain('/kotae ask');
  });

  it('queues a question from /kotae ask and answers it in the thread', async () => {
    await stack.startWorker();
    const message = stack.api.userMessage(SPACE, '/kotae ask 今週の来店数は？');
    const event = chatEvent('app-command', {
      space: SPACE,
      thread: message.thread.name,
      message: message.name,
    });
    const response = await stack.postEvent(event);
    const body = (await response.json()) as { text: string; privateMessageViewer?: unknown };
    expect(body.privateMessageViewer).toBeDefined();
    const answer = await finalAnswer(message.thread.name);
    expect(cardText(answer)).toContain('今週の来店数は？');
  });

  it('shows the SQL and records feedback from the answer card’s buttons, only to the clicker', async () => {
    await stack.startWorker();
    const { message, event } = ask();
    await stack.postEvent(event);
    const answer = await finalAnswer(message.thread.name);
    const task = await db.prisma.task.findFirstOrThrow({ where: { threadId: message.thread.name } });

    const click = (action: string) =>
      chatEvent('card-clicked', {
        space: SPACE,
        thread: message.thread.name,
        message: answer.name,
        replace: { kotae_show_sql: action, '00000000-0000-4000-8000-000000000000': task.id },
      });
    const sql = (await (await stack.postEvent(click('kotae_show_sql'))).json()) as Record<string, unknown>;
    expect(sql['actionResponse']).toEqual({ type: 'NEW_MESSAGE' });
    expect(sql['privateMessageViewer']).toEqual({ name: 'users/102938475610293847561' });
    // Formatted: one clause per line.
    expect(sql['text']).toContain('SELECT\n  store_name');

    const up = chatEvent('card-clicked', {
      space: SPACE,
      message: answer.name,
      replace: { '"kotae_show_sql"': '"kotae_feedback"', '00000000-0000-4000-8000-000000000000': task.id },
    });
    (up['action'] as { parameters: Array<{ key: string; value: string }> }).parameters.push({
      key: 'value',
      value: 'up',
    });
    const thanks = (await (await stack.postEvent(up)).json()) as Record<string, unknown>;
    expect(thanks['text']).toBe('フィードバックありがとうございます。');
    expect(await db.prisma.feedback.findMany({ where: { taskId: task.id } })).toMatchObject([
      { userId: 'users/102938475610293847561', value: 'up' },
    ]);

    // A task id from another space does not reveal its SQL.
    const elsewhere = chatEvent('card-clicked', {
      space: 'spaces/OTHERspace',
      replace: { '00000000-0000-4000-8000-000000000000': task.id },
    });
    const refused = (await (await stack.postEvent(elsewhere)).json()) as Record<string, unknown>;
    expect(String(refused['text'])).not.toContain('SELECT');
  });

  /** A question in the Workspace add-on event format, answered to the end. */
  async function askAsAddOn() {
    await stack.startWorker();
    const message = stack.api.userMessage(SPACE, '@Kotae average basket size by store type?');
    const event = chatEvent('addon-message', {
      space: SPACE,
      thread: message.thread.name,
      message: message.name,
    });
    expect((await stack.postEvent(event)).status).toBe(200);
    return { message, event, answer: await finalAnswer(message.thread.name) };
  }

  it('understands the Workspace add-on event format', async () => {
    const { answer } = await askAsAddOn();
    expect(cardText(answer)).toContain('average basket size by store type?');
    // A classic Chat app's answer opens the Subscribe form as a dialog.
    expect(JSON.stringify(answer.cardsV2)).toContain('OPEN_DIALOG');
  });

  it('as a Workspace add-on, answers without dialog buttons, and Subscribe explains the command', async () => {
    await stack.close();
    stack = await startGchatStack({ db, addon: true });
    const { message, event, answer } = await askAsAddOn();
    // Chat strips a whole add-on card that carries an OPEN_DIALOG button.
    const cards = JSON.stringify(answer.cardsV2);
    expect(cards).not.toContain('OPEN_DIALOG');
    expect(cards).toContain('kotae_subscribe');

    const task = await db.prisma.task.findFirstOrThrow({ where: { threadId: message.thread.name } });
    const { chat } = event as { chat: { user: unknown; messagePayload: { space: unknown } } };
    const click = {
      commonEventObject: {
        hostApp: 'CHAT',
        userLocale: 'en',
        parameters: { action: 'kotae_subscribe', taskId: task.id },
      },
      chat: {
        user: chat.user,
        eventTime: '2026-03-02T03:00:05.000000Z',
        buttonClickedPayload: {
          space: chat.messagePayload.space,
          message: { name: answer.name, thread: { name: message.thread.name } },
        },
      },
    };
    const response = await stack.postEvent(click);
    expect(response.status).toBe(200);
    const said = JSON.stringify(await response.json());
    expect(said).toContain('cannot open the subscribe form');
    expect(said).toContain('/kotae digest add');
  });
});

/** Everything a reader sees in a message: its text and every text in its cards. */
function cardText(message: FakeMessage): string {
  const texts: string[] = [message.text ?? ''];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(message.cardsV2);
  return texts.join('\n');
}

function maxWritesInAnyMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 60_000) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
