/**
 * The console page in headless Chromium, against a server that speaks its API contract
 * and sends the real Content-Security-Policy. If this breaks, a person at
 * http://localhost:8080 cannot ask a question, never sees the answer arrive, sees the
 * placeholder stay forever, or loses their language choice.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MessageContent } from '../../../src/core/ports/chat-platform.ts';
import { findChromium, launchChromium } from '../../support/chromium.ts';
import { startFakeConsoleApi, type FakeConsoleApi } from '../../support/fake-console-api.ts';
import { FULL_ACTIONS, PROVENANCE, bigTable } from '../../support/sample-replies.ts';

const chromiumPath = findChromium();

// The machine is shared and page loads vary; waits are generous, never fixed sleeps.
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

describe.skipIf(!chromiumPath)('console page', () => {
  let browser: Browser;
  let server: FakeConsoleApi;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath!);
    server = await startFakeConsoleApi();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    server.notice = null;
    server.script = (question, locale, taskId): MessageContent[] => {
      const ja = locale === 'ja';
      const steps = [ja ? '✅ テーブルを探しました' : '✅ Found the tables'];
      return [
        { kind: 'status', text: ja ? '考え中…' : 'Working on it…', steps },
        {
          kind: 'status',
          text: ja ? '考え中…' : 'Working on it…',
          steps: [...steps, ja ? '⏳ クエリを実行中' : '⏳ Running the query'],
        },
        {
          kind: 'reply',
          reply: {
            kind: 'answer',
            locale,
            text: `${ja ? '答え' : 'Answer'}: **${question.slice(0, 20)}**`,
            table: bigTable(25),
            chart: {
              spec: { type: 'bar', title: 'Sales', x: 'store', y: ['sales'], data: [] },
              png: PNG,
              altText: 'Sales by store',
            },
            provenance: PROVENANCE,
            actions: FULL_ACTIONS.map((action) => ({ ...action, taskId })),
          },
        },
      ];
    };
    context = await browser.newContext({ locale: 'ja-JP' });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await context?.close();
  });

  const thread = () => page.getByTestId('thread');
  const botMessages = () => thread().locator('[data-testid="message"][data-author="bot"]');

  it('asks a question, shows the steps as they come, then the answer in place of the placeholder', async () => {
    await page.goto(server.url);
    await eventually(() => page.getByTestId('channel').count()).toBe(2);
    expect(await page.getByTestId('send').textContent()).toBe('送信');

    const question = '先月の売上トップ10の店舗は？ <b>太字</b>';
    await page.getByTestId('composer').fill(question);
    await page.getByTestId('composer').press('Enter');

    const userMessage = thread().locator('[data-testid="message"][data-author="user"]');
    await userMessage.waitFor();
    // What the person typed is shown as text, never as markup.
    expect(await userMessage.locator('.message-text').textContent()).toBe(question);
    expect(await userMessage.locator('b').count()).toBe(0);
    expect(server.posts.at(-1)).toEqual({ channel: 'general', text: question, locale: 'ja' });
    expect(await page.getByTestId('composer').inputValue()).toBe('');

    server.advance();
    await thread().getByTestId('status').waitFor();
    expect(await thread().getByTestId('step').allTextContents()).toEqual(['✅ テーブルを探しました']);
    server.advance();
    await eventually(() => thread().getByTestId('step').count()).toBe(2);
    server.advance();
    await thread().getByTestId('reply').waitFor();

    // The placeholder was replaced by id, not followed by a second bot message.
    expect(await botMessages().count()).toBe(1);
    expect(await thread().getByTestId('status').count()).toBe(0);
    expect(await thread().locator('[data-testid="result-table"] tbody tr').count()).toBe(20);
    expect(await thread().getByTestId('chart').getAttribute('alt')).toBe('Sales by store');
    expect(await thread().locator('.kotae-note').first().textContent()).toBe('ほか 5 行');

    // The new thread is listed and the address opens it again after a reload.
    expect(await page.getByTestId('thread-item').first().textContent()).toContain(
      '先月の売上トップ10の店舗は？',
    );
    await page.reload();
    await thread().getByTestId('reply').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('sends feedback once and keeps the choice visible', async () => {
    await page.goto(server.url);
    await page.getByTestId('composer').fill('How are sales?');
    await page.getByTestId('send').click();
    while (server.advance());
    await thread().getByTestId('reply').waitFor();
    const up = thread().locator('button[data-action="feedback"][data-value="up"]');
    const taskId = await up.getAttribute('data-task-id');
    await up.click();
    await eventually(() => up.getAttribute('aria-pressed')).toBe('true');
    expect(await thread().locator('.kotae-feedback-note').textContent()).toBe(
      'フィードバックありがとうございます。',
    );
    expect(await thread().locator('button[data-action="feedback"][data-value="down"]').isDisabled()).toBe(
      true,
    );
    expect(server.feedback.at(-1)).toEqual({ taskId, value: 'up' });
    expect(pageErrors).toEqual([]);
  });

  it('switches the interface to English and remembers it', async () => {
    await page.goto(server.url);
    await page.getByTestId('locale-en').click();
    expect(await page.getByTestId('send').textContent()).toBe('Send');
    expect(await page.getByTestId('new-thread').textContent()).toBe('New question');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    expect(await page.getByTestId('send').textContent()).toBe('Send');
    await page.getByTestId('composer').fill('Sales by prefecture?');
    await page.getByTestId('composer').press('Enter');
    await eventually(() => server.posts.at(-1)?.locale).toBe('en');
    while (server.advance());
    await thread().getByTestId('reply').waitFor();
    expect(await thread().locator('summary').textContent()).toBe('Show SQL');
  });

  it('follows up in the open thread', async () => {
    await page.goto(server.url);
    await page.getByTestId('composer').fill('First question');
    await page.getByTestId('composer').press('Enter');
    await thread().locator('[data-author="user"]').waitFor();
    while (server.advance());
    await thread().getByTestId('reply').waitFor();
    const threadId = server.posts.length;
    await page.getByTestId('composer').fill('And last year?');
    await page.getByTestId('composer').press('Enter');
    await eventually(() => server.posts.length).toBe(threadId + 1);
    expect(server.posts.at(-1)!.thread).toBeTruthy();
    while (server.advance());
    await eventually(() => thread().getByTestId('reply').count()).toBe(2);
    expect(await thread().locator('[data-author="user"]').count()).toBe(2);
  });

  it('shows a localized refusal in the composer and the server notice as a banner', async () => {
    server.notice = 'LLM が設定されていません。';
    await page.goto(server.url);
    await eventually(() => page.getByTestId('banner').textContent()).toBe('LLM が設定されていません。');
    await page.getByTestId('composer').fill('!reject this');
    await page.getByTestId('send').click();
    await eventually(() => page.getByTestId('composer-error').textContent()).toBe('質問が長すぎます。');
    expect(await page.getByTestId('composer').inputValue()).toBe('!reject this');
    await page.getByTestId('composer').fill('   ');
    await page.getByTestId('send').click();
    expect(await page.getByTestId('composer-error').textContent()).toBe('質問を入力してください。');
  });

  it('does not send while a Japanese IME is still composing', async () => {
    await page.goto(server.url);
    await eventually(() => page.getByTestId('channel').count()).toBe(2);
    const before = server.posts.length;
    await page.getByTestId('composer').fill('とうきょう');
    // Enter that confirms a kana-kanji conversion must not send the half-typed question…
    await page
      .getByTestId('composer')
      .dispatchEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true });
    await page.getByTestId('composer').fill('東京都の売上は？');
    // …and the next real Enter sends exactly once, with the converted text.
    await page.getByTestId('composer').press('Enter');
    await eventually(() => server.posts.length).toBe(before + 1);
    expect(server.posts.at(-1)!.text).toBe('東京都の売上は？');
  });
});

// A 1×1 PNG, so the <img> really loads under the page's Content-Security-Policy.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);
