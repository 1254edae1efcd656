/**
 * Subscribe from an answer, in a real browser: a person asks in the console, clicks
 * "毎日届ける" under the answer, fills the form (daily 09:00 Asia/Tokyo) and sends it. Kotae
 * runs on a manual clock; moved to the slot, Cloud Scheduler's tick delivers the digest as
 * a new thread of the channel, which the page shows with its chart (a loaded image) and
 * the change against the previous run. If this breaks, the console's Subscribe button
 * leads nowhere, or the digest never reaches the channel people subscribed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { findChromium, launchChromium } from '../support/chromium.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { startDigestScheduler, type DigestScheduler } from '../support/digest-scheduler.ts';
import { FINAL_SQL, SALES_SPEC, salesAnswerHandler } from '../support/sales-answer.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const chromiumPath = findChromium();
/** 09:00 in Tokyo on 2 November 2026. */
const SLOT = new Date('2026-11-02T00:00:00Z');

describe.skipIf(!chromiumPath)('subscribe from an answer in headless Chromium', () => {
  const clock = createManualClock(new Date('2026-11-02T08:30:00+09:00'));
  let db: TestDatabase;
  let scheduler: DigestScheduler;
  let kotae: Kotae;
  let browser: Browser;

  beforeAll(async () => {
    [db, scheduler, browser] = await Promise.all([
      createTestDatabase('postgres'),
      startDigestScheduler(),
      launchChromium(chromiumPath!),
    ]);
    kotae = await startTestKotae(db, {
      handler: await salesAnswerHandler(),
      clock,
      env: { DUCKDB_PATH: await sharedDemoPath(), ...scheduler.env },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await kotae?.stop();
    await scheduler?.close();
    await db?.drop();
  });

  it('asks, subscribes with the form, and sees the digest arrive at the slot with chart and change', async () => {
    const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(kotae.url);

    await page.getByTestId('composer').fill('先週の日別売上は？');
    await page.getByTestId('send').click();
    const reply = page.getByTestId('thread').getByTestId('reply');
    await reply.waitFor({ timeout: 20_000 });
    await reply.getByRole('button', { name: '毎日届ける' }).click();

    const form = page.getByTestId('subscribe-form');
    await form.waitFor();
    await form.locator('input[name="title"]').fill('日次売上');
    await form.locator('select[name="preset"]').selectOption('daily');
    await form.locator('input[name="time"]').fill('09:00');
    // The browser's zone is the default.
    expect(await form.locator('input[name="timeZone"]').inputValue()).toBe('Asia/Tokyo');
    await form.locator('select[name="emptyMode"]').selectOption('post');
    await form.getByRole('button', { name: '登録' }).click();
    const note = form.locator('.kotae-subscribe-note');
    await expect
      .poll(() => note.innerText(), { timeout: 10_000 })
      .toMatch(/^定期配信「日次売上」を登録しました/);
    expect(await note.innerText()).toContain('daily 09:00（Asia/Tokyo）');

    const stored = await db.prisma.subscription.findFirstOrThrow({ where: { name: '日次売上' } });
    expect([stored.sql, stored.schedule, stored.timeZone, stored.emptyMode, stored.locale]).toEqual([
      FINAL_SQL,
      'daily 09:00',
      'Asia/Tokyo',
      'post',
      'ja',
    ]);
    expect(stored.chartSpec).toEqual(SALES_SPEC);

    // Yesterday's digest said 1; today's must show the rise against it.
    await db.prisma.digestRun.create({
      data: {
        subscriptionId: stored.id,
        scheduledFor: new Date(SLOT.getTime() - 86_400_000),
        status: 'posted',
        headline: 1,
      },
    });
    // Before the slot nothing is due; at the slot exactly this digest is.
    expect((await scheduler.tick(kotae.url)).body).toMatchObject({ ok: true, enqueued: 0 });
    clock.set(new Date(SLOT.getTime() + 20_000));
    expect((await scheduler.tick(kotae.url)).body).toMatchObject({ ok: true, enqueued: 1 });
    const run = await eventually(
      async () =>
        (await db.prisma.digestRun.findFirst({
          where: { subscriptionId: stored.id, scheduledFor: SLOT, status: 'posted' },
        })) ?? undefined,
    );

    // The digest is a new thread of the channel: it appears in the list, and opens.
    const item = page.locator(`[data-testid="thread-item"][data-thread-id="${run.messageId}"]`);
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const digest = page.locator('[data-testid="message"][data-author="bot"]').first();
    await expect.poll(() => digest.innerText(), { timeout: 10_000 }).toContain('日次売上');
    const text = await digest.innerText();
    expect(text).toContain('2026');
    expect(text).toMatch(/前回比 ▲ \+?[\d,.]+（\+?[\d,.]+%）/);
    const chart = digest.locator('img[src*="chart"]');
    await expect
      .poll(
        () =>
          chart.evaluate((image) => {
            const loaded = image as unknown as { complete: boolean; naturalWidth: number };
            return loaded.complete ? loaded.naturalWidth : 0;
          }),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(0);
    // A digest is not itself subscribable.
    expect(await digest.getByRole('button', { name: '毎日届ける' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
