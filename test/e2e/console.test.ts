/**
 * The newcomer's first experience, in a real browser: type a question in the local
 * console and watch, in the same thread, the placeholder, each step as it happens, and
 * the final reply with its table. If this fails, `npm run dev` shows a broken page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from '../support/chromium.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler, type ScriptedHandler } from '../support/scripted-handler.ts';
import { startTestKotae } from '../support/test-kotae.ts';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('console in headless Chromium', () => {
  let db: TestDatabase;
  let kotae: Kotae;
  let browser: Browser;
  let handler: ScriptedHandler;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    handler = createScriptedHandler({ hold: true });
    kotae = await startTestKotae(db, { handler });
    browser = await launchChromium(chromiumPath!);
  });
  afterAll(async () => {
    await browser?.close();
    await kotae?.stop();
    await db?.drop();
  });

  it('shows the placeholder, the steps and the final reply in the question’s thread', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(kotae.url);

    await page.getByTestId('composer').fill('先月の都道府県別売上トップ10は？');
    const started = handler.started();
    await page.getByTestId('send').click();

    const thread = page.getByTestId('thread');
    await expect
      .poll(() => thread.getByText('先月の都道府県別売上トップ10は？').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await started;
    // Held mid-task: the placeholder is up, with the first step done and the second running.
    const status = thread.getByTestId('status');
    await status.waitFor();
    await expect.poll(() => thread.getByTestId('step').count(), { timeout: 20_000 }).toBe(2);
    expect(await thread.getByTestId('step').first().innerText()).toContain(
      'テーブルを検索しています: orders',
    );

    handler.release();
    const reply = thread.getByTestId('reply');
    await reply.waitFor({ timeout: 20_000 });
    expect(await reply.innerText()).toContain('先月の売上トップは東京都です。');
    const table = reply.getByTestId('result-table');
    expect(await table.innerText()).toContain('大阪府');
    // The placeholder became the answer: one bot message, no stray "working…" left.
    expect(await thread.getByTestId('status').count()).toBe(0);
    expect(await thread.locator('[data-testid="message"][data-author="bot"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
