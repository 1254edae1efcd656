/**
 * What the console looks like on a reader's machine, in headless Chromium against the real
 * Kotae: a 10-row answer table with labels for headers and numbers right-aligned; Japanese
 * drawn with the console's own webfont on a machine with no CJK fonts (compared pixel by
 * pixel with the webfont blocked, which draws boxes); and a usable page at 390 × 844.
 * Screenshots go to KOTAE_SHOTS_DIR when it is set, for people to look at.
 * If this breaks, a reader sees `prefecture_name` headers, ragged numbers, empty boxes
 * for every Japanese character, or a phone screen where nothing fits.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../../src/app/start-kotae.ts';
import { buildConsoleFont } from '../../../src/bot/console/font-subset.ts';
import type { TaskHandler } from '../../../src/core/ports/task-handler.ts';
import type { CellValue } from '../../../src/core/reply.ts';
import { findChromium, launchChromium } from '../../support/chromium.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createScriptedHandler } from '../../support/scripted-handler.ts';
import { startTestKotae } from '../../support/test-kotae.ts';

const chromiumPath = findChromium();

/** The few browser globals these checks use (the tsconfig has no DOM types). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { textAlign: string };
  document: {
    createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { right: number } };
    documentElement: { scrollWidth: number };
  };
}

const SHOTS = process.env['KOTAE_SHOTS_DIR'];
// Built once per machine (tens of seconds of CPU), then reused by every run.
const FONT = join(tmpdir(), 'kotae-test-font', 'noto-sans-jp-400.woff2');

const PREFECTURES = [
  '東京都',
  '大阪府',
  '神奈川県',
  '愛知県',
  '埼玉県',
  '千葉県',
  '兵庫県',
  '福岡県',
  '北海道',
  '京都府',
];
const ROWS: CellValue[][] = PREFECTURES.map((name, i) => [
  name,
  98_765_432 - i * 7_654_321,
  12_345 - i * 999,
]);
const ANSWER_JA = '都道府県別の売上です。東京都が最も多く、大阪府が続きます。';

const handler = createScriptedHandler({
  answer: () => ({
    text: ANSWER_JA,
    table: {
      columns: [
        { name: 'prefecture_name', type: 'STRING', label: '都道府県' },
        { name: 'total_amount', type: 'INT64', label: '売上', currency: 'JPY' },
        { name: 'orders', type: 'INT64', label: '注文数' },
      ],
      rows: ROWS,
      totalRows: ROWS.length,
      truncated: false,
    },
  }),
});
const delegate: TaskHandler = { run: (context) => handler.run(context) };

let db: TestDatabase;
let browser: Browser;
let kotae: Kotae;

beforeAll(async () => {
  if (!chromiumPath) return;
  if (!existsSync(FONT)) await buildConsoleFont(FONT);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  [db, browser] = await Promise.all([createTestDatabase('postgres'), launchChromium(chromiumPath)]);
  kotae = await startTestKotae(db, { handler: delegate, env: { KOTAE_CONSOLE_FONT: FONT } });
}, 300_000);
afterAll(async () => {
  await kotae?.stop();
  await browser?.close();
  await db?.drop();
});

async function askAndWait(page: Page): Promise<void> {
  await page.goto(kotae.url);
  await page.getByTestId('composer').fill('都道府県別の売上は？');
  await page.getByTestId('composer').press('Enter');
  await page.getByTestId('thread').getByTestId('reply').waitFor({ timeout: 20_000 });
  await page.evaluate(async () => {
    await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts
      .ready;
  });
}

async function shot(page: Page, name: string, selector?: string): Promise<Buffer> {
  const target = selector ? page.locator(selector).first() : page;
  return await target.screenshot({ ...(SHOTS ? { path: join(SHOTS, name) } : {}), animations: 'disabled' });
}

/** Pixels (of the same-size images) whose colour differs, as a share of all pixels. */
async function differingShare(a: Buffer, b: Buffer): Promise<number> {
  const [first, second] = await Promise.all([loadImage(a), loadImage(b)]);
  const width = Math.min(first.width, second.width);
  const height = Math.min(first.height, second.height);
  const read = (image: typeof first) => {
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return context.getImageData(0, 0, width, height).data;
  };
  const [x, y] = [read(first), read(second)];
  let differing = 0;
  for (let i = 0; i < x.length; i += 4) {
    if (Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!) > 60)
      differing += 1;
  }
  return differing / (width * height);
}

describe.skipIf(!chromiumPath)('the console on a reader’s machine', () => {
  it('shows a 10-row table with labels for headers and numbers right-aligned', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await askAndWait(page);
    const table = page.getByTestId('result-table').last();
    expect(await table.locator('th').allTextContents()).toEqual(['都道府県', '売上', '注文数']);
    expect(await table.locator('tbody tr').count()).toBe(10);
    expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      '東京都',
      '￥98,765,432',
      '12,345',
    ]);
    // Right-aligned: every number in a column ends at the same x, whatever its width.
    for (const column of [2, 3]) {
      const cells = table.locator(`tbody td:nth-child(${column})`);
      const aligns = await cells.evaluateAll((tds) =>
        tds.map((td) => (globalThis as unknown as BrowserGlobals).getComputedStyle(td).textAlign),
      );
      expect(new Set(aligns)).toEqual(new Set(['right']));
      const rightEdges = await cells.evaluateAll((tds) =>
        tds.map((td) => {
          const range = (globalThis as unknown as BrowserGlobals).document.createRange();
          range.selectNodeContents(td);
          return Math.round(range.getBoundingClientRect().right);
        }),
      );
      expect(new Set(rightEdges).size, `column ${column}: ${rightEdges}`).toBe(1);
    }
    await shot(page, 'table-after.png', '.kotae-table');
    await context.close();
  });

  it('draws Japanese with its own webfont where the machine has no CJK font, and boxes without it', async () => {
    const systemJa = execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim();
    // The comparison below is only a proof on a machine without Japanese fonts.
    expect(systemJa, 'this machine has CJK fonts, so blocking the webfont proves nothing').toBe('');
    const render = async (blockFont: boolean) => {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 800 } });
      const page = await context.newPage();
      const fontRequests: number[] = [];
      await page.route('**/console/fonts/**', async (route) => {
        if (blockFont) return await route.abort();
        const response = await route.fetch();
        fontRequests.push(response.status());
        return await route.fulfill({ response });
      });
      await askAndWait(page);
      const image = await shot(page, blockFont ? 'font-blocked.png' : 'font-served.png', '.kotae-text');
      await context.close();
      return { image, fontRequests };
    };
    const served = await render(false);
    const blocked = await render(true);
    expect(served.fontRequests).toEqual([200]);
    // Glyphs and boxes differ over much of the text; the same rendering twice would not differ at all.
    expect(await differingShare(served.image, blocked.image)).toBeGreaterThan(0.03);
  });

  it('is usable at 390 × 844: one pane, and the channels and threads in a menu', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await askAndWait(page);
    const width = await page.evaluate(
      () => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    expect(await page.getByTestId('composer').isVisible()).toBe(true);
    expect(await page.getByTestId('send').isVisible()).toBe(true);
    expect(await page.getByTestId('channel-list').isVisible()).toBe(false);
    const composerBox = (await page.getByTestId('composer').boundingBox())!;
    expect(composerBox.x).toBeGreaterThanOrEqual(0);
    expect(composerBox.x + composerBox.width).toBeLessThanOrEqual(390);
    await shot(page, 'phone-390x844-after.png');

    await page.getByTestId('menu-button').click();
    expect(await page.getByTestId('channel-list').isVisible()).toBe(true);
    expect(await page.getByTestId('thread-list').isVisible()).toBe(true);
    await shot(page, 'phone-390x844-menu.png');
    await page.getByTestId('thread-item').first().click();
    expect(await page.getByTestId('channel-list').isVisible()).toBe(false);
    expect(await page.getByTestId('menu-button').getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });
});
