/**
 * The console when bot and worker are separate processes on PostgreSQL (Cloud Run): the
 * page is served by the bot, the worker writes the placeholder's steps and the answer.
 * Through LISTEN/NOTIFY the open page still sees them live. If this broke, the console
 * behind IAP would show a question and then nothing until a reload.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import type { ConsoleMessageView } from '../../src/bot/console/console-hub.ts';
import { findChromium, launchChromium } from '../support/chromium.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const emulatorHost = inject('pubsubEmulatorHost');
const chromiumPath = findChromium();
const STEP = 'テーブルを検索しています: orders';
const ANSWER = '先月の売上トップは東京都です。';

describe.skipIf(!emulatorHost)('console updates across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  let db: TestDatabase;
  let bot: Kotae;
  let worker: ChildProcess;
  const topic = `console-live-${process.pid}-${Date.now()}`;
  const env = (): Record<string, string> => ({
    KOTAE_QUEUE: 'pubsub',
    PUBSUB_PROJECT_ID: 'kotae-test',
    PUBSUB_EMULATOR_HOST: emulatorHost,
    PUBSUB_TOPIC: topic,
    PUBSUB_SUBSCRIPTION: `${topic}-workers`,
    PUBSUB_ACK_DEADLINE_SECONDS: '10',
  });

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    bot = await startTestKotae(db, { roles: { bot: true, worker: false }, env: env() });
    // The bot published nothing yet; it created the topic and the subscription at start.
    await bot.intake.submit({
      eventId: `Ev-warmup-${topic}`,
      thread: { platform: 'console', workspaceId: 'local', channelId: 'marketing', threadId: 'warm-up' },
      userId: 'U1',
      text: 'warm-up',
      receivedAt: new Date(),
    });
    worker = spawn(process.execPath, [join(import.meta.dirname, '../support/worker-process.ts')], {
      env: {
        ...process.env,
        ...env(),
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: String(db.poolSize),
        KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-live-')),
        CHART_URL_SECRET: 'test-chart-secret-0123456789abcdef',
        STEP_DELAY_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => output.includes('ready'), 90_000);
  }, 120_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await bot?.stop();
    await db?.drop();
  });

  it('streams the worker’s step and answer to a page served by the bot', async () => {
    const events = new AbortController();
    const views: ConsoleMessageView[] = [];
    const stream = await fetch(`${bot.url}/api/console/events?channel=general`, { signal: events.signal });
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of stream.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            if (data) views.push(JSON.parse(data) as ConsoleMessageView);
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // aborted at the end
      }
    })();
    try {
      const posted = await postQuestion(bot, { channel: 'general', text: '先月の売上は？', locale: 'ja' });
      expect(posted.status).toBe(202);
      const thread = posted.body['threadId'];
      await eventually(async () => views.some((v) => v.text === ANSWER), 60_000);
      const bots = views.filter((v) => v.threadId === thread && v.author === 'bot');
      // The placeholder (the bot's own), then the worker's step, then the answer: all live.
      expect(bots.some((v) => v.html?.includes(STEP) && v.text !== ANSWER)).toBe(true);
      expect(bots.at(-1)?.text).toBe(ANSWER);
      expect(new Set(bots.map((v) => v.id)).size).toBe(1);
    } finally {
      events.abort();
    }
  }, 90_000);

  it.skipIf(!chromiumPath)(
    'shows placeholder, step and answer in headless Chromium without a reload',
    async () => {
      const browser = await launchChromium(chromiumPath!);
      try {
        const page = await browser.newPage({ locale: 'ja-JP' });
        await page.goto(bot.url);
        await page.getByTestId('composer').fill('都道府県別の売上は？');
        await page.getByTestId('send').click();
        const thread = page.getByTestId('thread');
        await thread.getByTestId('status').waitFor({ timeout: 20_000 });
        await expect.poll(() => thread.getByText(STEP).count(), { timeout: 30_000 }).toBeGreaterThan(0);
        const reply = thread.getByTestId('reply');
        await reply.waitFor({ timeout: 30_000 });
        expect(await reply.innerText()).toContain(ANSWER);
      } finally {
        await browser.close();
      }
    },
    90_000,
  );
});
