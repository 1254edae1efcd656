/**
 * The console page in headless Chromium, against the real Kotae (startKotae: the console
 * routes, the intake, the worker, PostgreSQL, the real static files and their
 * Content-Security-Policy), with a scripted task handler in place of the agent. If this
 * breaks, a person at http://localhost:8080 cannot ask a question, never sees the answer
 * arrive, sees the placeholder stay forever, loses their language choice, cannot follow up,
 * or sends a half-converted Japanese question.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Kotae } from '../../../src/app/start-kotae.ts';
import { CONSOLE_CHANNELS, CONSOLE_USER } from '../../../src/bot/console/console-channels.ts';
import { t } from '../../../src/core/i18n/translate.ts';
import type { TaskHandler } from '../../../src/core/ports/task-handler.ts';
import { findChromium, launchChromium } from '../../support/chromium.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { bigTable } from '../../support/sample-replies.ts';
import {
  createScriptedHandler,
  type ScriptedHandler,
  type ScriptedHandlerOptions,
} from '../../support/scripted-handler.ts';
import { startTestKotae } from '../../support/test-kotae.ts';

const chromiumPath = findChromium();

// The machine is shared and page loads vary; waits are generous, never fixed sleeps.
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 50 });

/** What the static routes must send; the page has to work under exactly this policy. */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
];

// A 1×1 PNG, so the chart <img> really loads from its signed URL under the page's policy.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** The scripted answer, grown to what the agent sends: 25 rows, a chart, 👍/👎. */
const FULL_ANSWER: ScriptedHandlerOptions['answer'] = (context) => ({
  table: bigTable(25),
  chart: {
    spec: { type: 'bar', title: 'Sales', x: 'store', y: ['sales'], data: [] },
    png: PNG,
    altText: 'Sales by store',
  },
  actions: [
    { kind: 'show_sql', taskId: context.task.id },
    { kind: 'feedback', taskId: context.task.id, value: 'up' },
    { kind: 'feedback', taskId: context.task.id, value: 'down' },
  ],
});

let db: TestDatabase;
let browser: Browser;

beforeAll(async () => {
  if (!chromiumPath) return;
  [db, browser] = await Promise.all([createTestDatabase('postgres'), launchChromium(chromiumPath)]);
});
afterAll(async () => {
  await browser?.close();
  await db?.drop();
});

/** A fresh browser profile (no saved language) in Japanese, recording every page error. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // CSP violations and failed loads are reported as console errors.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}

describe.skipIf(!chromiumPath)('console page', () => {
  let kotae: Kotae;
  /** Each test scripts its own handler; the running Kotae delegates to the current one. */
  let handler: ScriptedHandler;
  const delegate: TaskHandler = { run: (context) => handler.run(context) };
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    kotae = await startTestKotae(db, { handler: delegate });
  });
  afterAll(async () => {
    await kotae?.stop();
  });

  beforeEach(async () => {
    handler = createScriptedHandler({ answer: FULL_ANSWER });
    ({ context, page, errors } = await openPage());
  });
  afterEach(async () => {
    handler.release(); // a failed test must not leave the worker holding a task
    await context?.close();
  });

  const thread = () => page.getByTestId('thread');
  const botMessages = () => thread().locator('[data-testid="message"][data-author="bot"]');
  const ask = async (question: string) => {
    await page.getByTestId('composer').fill(question);
    await page.getByTestId('composer').press('Enter');
  };

  it('asks a question, shows the steps as they come, then the answer in place of the placeholder', async () => {
    handler = createScriptedHandler({ hold: true, answer: FULL_ANSWER });
    const response = await page.goto(kotae.url);
    const csp = response!.headers()['content-security-policy'] ?? '';
    for (const directive of CSP_DIRECTIVES) expect(csp).toContain(directive);
    await eventually(() => page.getByTestId('channel').count()).toBe(CONSOLE_CHANNELS.length);
    expect(await page.getByTestId('send').textContent()).toBe('送信');

    const question = '先月の売上トップ10の店舗は？ <b>太字</b>';
    const started = handler.started();
    await ask(question);

    const userMessage = thread().locator('[data-testid="message"][data-author="user"]');
    await userMessage.waitFor();
    // What the person typed is shown as text, never as markup.
    expect(await userMessage.locator('.message-text').textContent()).toBe(question);
    expect(await userMessage.locator('b').count()).toBe(0);
    expect(await page.getByTestId('composer').inputValue()).toBe('');
    // The worker got the question as typed, in the page's language, in the general channel.
    const { task } = await started;
    expect(task).toMatchObject({ question, locale: 'ja', userId: CONSOLE_USER });
    expect(task.thread).toMatchObject({ platform: 'console', channelId: 'general' });

    // Held mid-task: the placeholder shows the first step done and the second running.
    const status = thread().getByTestId('status');
    await status.waitFor();
    await eventually(() => thread().getByTestId('step').allTextContents()).toEqual([
      '✓ テーブルを検索しています: orders',
      '… クエリを実行しています',
    ]);
    const placeholderId = await botMessages().getAttribute('data-id');

    handler.release();
    await thread().getByTestId('reply').waitFor();
    // The placeholder was replaced by id, not followed by a second bot message.
    expect(await botMessages().count()).toBe(1);
    expect(await botMessages().getAttribute('data-id')).toBe(placeholderId);
    expect(await thread().getByTestId('status').count()).toBe(0);
    // The steps stay, collapsed under the answer, with what each found.
    const kept = thread().getByTestId('steps-summary');
    expect(await kept.locator('summary').textContent()).toMatch(/^2 ステップ · [\d.]+ (ミリ秒|秒)$/);
    expect(await kept.getAttribute('open')).toBeNull();
    expect(await kept.locator('li').allTextContents()).toEqual([
      '✓テーブルを検索しています: orders',
      '✓クエリを実行しました（1.2 GB スキャン）',
    ]);
    expect(await thread().locator('.kotae-text').first().textContent()).toContain(
      '先月の売上トップは東京都です。',
    );
    expect(await thread().locator('[data-testid="result-table"] tbody tr').count()).toBe(20);
    expect(await thread().locator('.kotae-note').first().textContent()).toBe('ほか 5 行');
    // The chart came from its signed URL on the page's own origin, allowed by the policy.
    const chart = thread().getByTestId('chart');
    expect(await chart.getAttribute('alt')).toBe('Sales by store');
    expect(new URL((await chart.getAttribute('src'))!, kotae.url).pathname).toMatch(/^\/charts\//);
    // naturalWidth stays 0 for an image that failed to load (the tsconfig has no DOM types).
    const loadedWidth = () =>
      chart.evaluate((element) => {
        const image = element as unknown as { complete: boolean; naturalWidth: number };
        return image.complete ? image.naturalWidth : 0;
      });
    await eventually(loadedWidth).toBe(1);

    // The new thread is listed and the address opens it again after a reload.
    expect(await page.getByTestId('thread-item').first().textContent()).toContain(
      '先月の売上トップ10の店舗は？',
    );
    await page.reload();
    await thread().getByTestId('reply').waitFor();
    expect(await botMessages().count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('sends feedback once and keeps the choice visible', async () => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/console/feedback') posts.push(request.postData() ?? '');
    });
    await page.goto(kotae.url);
    await ask('How are sales?');
    await thread().getByTestId('reply').waitFor();
    const up = thread().locator('button[data-action="feedback"][data-value="up"]');
    const taskId = await up.getAttribute('data-task-id');
    expect(taskId).toBe(handler.calls[0]!.task.id);
    await up.click();
    await eventually(() => up.getAttribute('aria-pressed')).toBe('true');
    expect(await thread().locator('.kotae-feedback-note').textContent()).toBe(
      'フィードバックありがとうございます。',
    );
    expect(await up.isDisabled()).toBe(true);
    expect(await thread().locator('button[data-action="feedback"][data-value="down"]').isDisabled()).toBe(
      true,
    );
    // One request, and the vote is stored against the task.
    expect(posts.map((body) => JSON.parse(body) as unknown)).toEqual([{ taskId, value: 'up' }]);
    const rows = await db.prisma.feedback.findMany({ where: { taskId: taskId! } });
    expect(rows.map(({ userId, value }) => ({ userId, value }))).toEqual([
      { userId: CONSOLE_USER, value: 'up' },
    ]);
    expect(errors).toEqual([]);
  });

  it('switches the interface to English and remembers it', async () => {
    await page.goto(kotae.url);
    await page.getByTestId('locale-en').click();
    expect(await page.getByTestId('send').textContent()).toBe('Send');
    expect(await page.getByTestId('new-thread').textContent()).toBe('New question');
    // The connection indicator follows the switch too, without a reload.
    await eventually(() => page.locator('#connection').textContent()).toBe('Live');
    await page.getByTestId('locale-ja').click();
    await eventually(() => page.locator('#connection').textContent()).toBe('接続中');
    await page.getByTestId('locale-en').click();
    await eventually(() => page.locator('#connection').textContent()).toBe('Live');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('kotae.locale'))).toBe('en');
    await page.reload();
    expect(await page.getByTestId('send').textContent()).toBe('Send');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const started = handler.started();
    await ask('Sales by prefecture?');
    expect((await started).task.locale).toBe('en');
    await thread().getByTestId('reply').waitFor();
    expect(await thread().locator('.kotae-text').first().textContent()).toContain(
      'Tokyo had the most sales last month.',
    );
    expect(await thread().getByTestId('sql').locator('summary').textContent()).toBe('Show SQL');
    expect(await thread().getByTestId('steps-summary').locator('summary').textContent()).toMatch(
      /^2 steps · [\d.]+ (ms|s)$/,
    );
    expect(errors).toEqual([]);
  });

  it('follows up in the open thread', async () => {
    await page.goto(kotae.url);
    await ask('First question');
    await thread().getByTestId('reply').waitFor();
    const openThread = page.url().split('/').at(-1);

    await ask('And last year?');
    await eventually(() => handler.calls.length).toBe(2);
    const [first, second] = handler.calls;
    // The follow-up lands in the same thread and the handler remembers the first turn.
    expect(second!.task.question).toBe('And last year?');
    expect(second!.task.thread.threadId).toBe(first!.task.thread.threadId);
    expect(second!.task.thread.threadId).toBe(decodeURIComponent(openThread!));
    expect(second!.history).toEqual([
      expect.objectContaining({
        question: 'First question',
        answer: '先月の売上トップは東京都です。',
        sql: ['SELECT 1'],
        resultSummary: 'Tokyo first',
      }),
    ]);
    await eventually(() => thread().getByTestId('reply').count()).toBe(2);
    expect(await thread().locator('[data-author="user"] .message-text').allTextContents()).toEqual([
      'First question',
      'And last year?',
    ]);
    expect(page.url().split('/').at(-1)).toBe(openThread);
    expect(errors).toEqual([]);
  });

  it('does not send while a Japanese IME is still composing', async () => {
    await page.goto(kotae.url);
    await eventually(() => page.getByTestId('channel').count()).toBe(CONSOLE_CHANNELS.length);
    await page.getByTestId('composer').fill('とうきょう');
    // Enter that confirms a kana-kanji conversion must not send the half-typed question…
    await page
      .getByTestId('composer')
      .dispatchEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true });
    await page.getByTestId('composer').fill('東京都の売上は？');
    // …and the next real Enter sends exactly once, with the converted text.
    await page.getByTestId('composer').press('Enter');
    await thread().getByTestId('reply').waitFor();
    expect(handler.calls.map((call) => call.task.question)).toEqual(['東京都の売上は？']);
    const sent = await db.prisma.task.findMany({
      where: { question: { in: ['とうきょう', '東京都の売上は？'] } },
    });
    expect(sent.map((row) => row.question)).toEqual(['東京都の売上は？']);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!chromiumPath)('console page, with no LLM configured and a 20-character limit', () => {
  let kotae: Kotae;

  beforeAll(async () => {
    // handler: null and no model variables: startKotae finds no LLM, as `npm run dev` would.
    kotae = await startTestKotae(db, { handler: null, env: { QUESTION_MAX_CHARS: '20' } });
  });
  afterAll(async () => {
    await kotae?.stop();
  });

  it('shows a localized refusal in the composer and the server notice as a banner', async () => {
    const { context, page, errors } = await openPage();
    await page.goto(kotae.url);
    const banner = page.getByTestId('banner');
    const composer = page.getByTestId('composer');
    const composerError = page.getByTestId('composer-error');
    await eventually(() => banner.textContent()).toBe(t('ja', 'llm.notConfigured'));

    const long = '先月の都道府県別の売上トップ10の店舗はどこですか？';
    await composer.fill(long);
    await page.getByTestId('send').click();
    await eventually(() => composerError.textContent()).toBe(
      t('ja', 'event.tooLong', { length: long.length, max: 20 }),
    );
    // The question stays in the composer, to be shortened rather than retyped.
    expect(await composer.inputValue()).toBe(long);
    await composer.fill('   ');
    await page.getByTestId('send').click();
    expect(await composerError.textContent()).toBe('質問を入力してください。');

    await page.getByTestId('locale-en').click();
    await eventually(() => banner.textContent()).toBe(t('en', 'llm.notConfigured'));
    const longEn = 'Which ten stores sold the most last month?';
    await composer.fill(longEn);
    await page.getByTestId('send').click();
    await eventually(() => composerError.textContent()).toBe(
      t('en', 'event.tooLong', { length: longEn.length, max: 20 }),
    );
    expect(await composer.inputValue()).toBe(longEn);
    // Nothing was queued; the only errors Chromium logged are the refused requests themselves.
    expect(await db.prisma.task.count({ where: { question: { in: [long, longEn] } } })).toBe(0);
    expect(errors.filter((error) => !error.includes('status of 422'))).toEqual([]);
    await context.close();
  });
});
