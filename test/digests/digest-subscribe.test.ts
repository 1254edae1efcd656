/**
 * Subscribe from an answer, end to end through the real composition root on the console:
 * an answer that ran a query carries the Subscribe button; the form's POST stores the
 * answer's final SQL and ChartSpec with the preset and zone; Cloud Scheduler's tick at the
 * slot delivers the digest with its chart and the change against the previous run. If this
 * broke, people could not subscribe, or the digest would re-run the wrong SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { startDigestScheduler, type DigestScheduler } from '../support/digest-scheduler.ts';
import { FINAL_SQL, SALES_SPEC, salesAnswerHandler } from '../support/sales-answer.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

let scheduler: DigestScheduler;
let db: TestDatabase;

beforeAll(async () => {
  scheduler = await startDigestScheduler();
  db = await createTestDatabase('postgres');
});
afterAll(async () => {
  await scheduler?.close();
  await db?.drop();
});

describe('subscribe from a console answer', () => {
  it('stores the final SQL and chart, then the tick at the slot posts the digest with the change', async () => {
    const handler = await salesAnswerHandler();
    const kotae = await startTestKotae(db, {
      handler,
      env: {
        DUCKDB_PATH: await sharedDemoPath(),
        ...scheduler.env,
      },
    });
    try {
      const asked = await postQuestion(kotae, {
        channel: 'sales',
        text: 'daily sales last week',
        locale: 'en',
      });
      const taskId = String(asked.body['taskId']);
      const html = async (thread: string) => {
        const response = await fetch(`${kotae.url}/api/console/messages?channel=sales&thread=${thread}`);
        const { messages } = (await response.json()) as {
          messages: Array<{ author: string; html: string | null }>;
        };
        return messages.filter((message) => message.author === 'bot').map((message) => message.html ?? '');
      };
      const answer = await eventually(async () =>
        (await html(String(asked.body['threadId']))).find((text) => text.includes('data-action="subscribe"')),
      );
      expect(answer).toContain(`data-task-id="${taskId}"`);

      const subscribe = (body: Record<string, unknown>) =>
        fetch(`${kotae.url}/api/console/digests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const bad = await subscribe({
        taskId,
        preset: 'daily',
        time: '25:00',
        emptyMode: 'skip',
        locale: 'en',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(
        /^Cannot read the schedule "daily 25:00"/,
      );

      // The slot is this minute in UTC; the subscription is back-dated so the slot falls after it.
      const now = new Date();
      const time = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
      const created = await subscribe({
        taskId,
        preset: 'daily',
        time,
        timeZone: 'UTC',
        emptyMode: 'post',
        title: 'Daily sales',
        locale: 'en',
      });
      expect(created.status).toBe(201);
      const { id, text } = (await created.json()) as { id: string; text: string };
      expect(text).toContain(`Subscribed "Daily sales" (\`${id.slice(0, 8)}\`): daily ${time} (UTC).`);
      const stored = await db.prisma.subscription.findUniqueOrThrow({ where: { id } });
      expect([stored.sql, stored.schedule, stored.timeZone, stored.emptyMode, stored.createdBy]).toEqual([
        FINAL_SQL,
        `daily ${time}`,
        'UTC',
        'post',
        'local-user',
      ]);
      expect(stored.chartSpec).toEqual(SALES_SPEC);

      // Yesterday's digest said 1; today's shows the rise against it.
      const slot = new Date(now);
      slot.setUTCSeconds(0, 0);
      await db.prisma.subscription.update({
        where: { id },
        data: { createdAt: new Date(slot.getTime() - 60_000) },
      });
      await db.prisma.digestRun.create({
        data: {
          subscriptionId: id,
          scheduledFor: new Date(slot.getTime() - 86_400_000),
          status: 'posted',
          headline: 1,
        },
      });
      expect((await scheduler.tick(kotae.url)).body).toMatchObject({ ok: true, enqueued: 1 });
      const run = await eventually(async () => {
        const found = await db.prisma.digestRun.findFirst({
          where: { subscriptionId: id, status: 'posted', scheduledFor: slot },
        });
        return found ?? undefined;
      });
      const posted = await db.prisma.consoleMessage.findUniqueOrThrow({ where: { id: run.messageId! } });
      expect(posted.threadId).toBe(posted.id);
      const [digest] = await html(posted.id);
      expect(digest).toContain('Daily sales');
      expect(digest).toMatch(/▲ \+[\d,.]+ \(\+[\d,.]+%\) since the last digest/);
      expect(digest).toMatch(/<img[^>]+src="[^"]*chart/);
      expect(digest).not.toContain('data-action="subscribe"');
    } finally {
      await kotae.stop();
    }
  });
});
