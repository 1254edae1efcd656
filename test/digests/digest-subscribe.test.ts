/**
 * Subscribe from an answer, end to end through the real composition root on the console:
 * an answer that ran a query carries the Subscribe button; the form's POST stores the
 * answer's final SQL and ChartSpec with the preset and zone; Cloud Scheduler's tick at the
 * slot delivers the digest with its chart and the change against the previous run. If this
 * broke, people could not subscribe, or the digest would re-run the wrong SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChart } from '../../src/render/chart/render-chart.ts';
import { createGoogleSigner } from '../fakes/gchat/google-signer.ts';
import { startFakeGoogleCerts, type FakeGoogleCerts } from '../fakes/gchat/fake-google-certs.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const AUDIENCE = 'https://kotae.example/internal/digests/tick';
const SCHEDULER = 'scheduler@kotae.iam.gserviceaccount.com';
const FIRST = 'SELECT 1 AS probe FROM retail.stores LIMIT 1';
const FINAL =
  "SELECT sale_date, sum(amount) AS sales FROM retail.sales WHERE sale_date BETWEEN DATE '2026-10-25' AND DATE '2026-10-31' GROUP BY 1 ORDER BY 1";
const SPEC = { type: 'line' as const, title: 'Daily sales', x: 'sale_date', y: ['sales'], data: [] };

const google = createGoogleSigner();
let certs: FakeGoogleCerts;
let db: TestDatabase;

beforeAll(async () => {
  certs = await startFakeGoogleCerts(google);
  db = await createTestDatabase('postgres');
});
afterAll(async () => {
  await certs?.close();
  await db?.drop();
});

function schedulerToken(): string {
  const iat = Math.floor(Date.now() / 1000);
  return google.sign({
    iss: 'https://accounts.google.com',
    aud: AUDIENCE,
    email: SCHEDULER,
    email_verified: true,
    iat,
    exp: iat + 600,
  });
}

describe('subscribe from a console answer', () => {
  it('stores the final SQL and chart, then the tick at the slot posts the digest with the change', async () => {
    const data = [
      { sale_date: '2026-10-30', sales: 10 },
      { sale_date: '2026-10-31', sales: 12 },
    ];
    const png = await renderChart({ ...SPEC, data }, { locale: 'en' });
    const handler = createScriptedHandler({
      answer: (context) => ({
        provenance: { sql: [FIRST, FINAL], bytesProcessed: 1, rows: 7, durationMs: 5 },
        chart: { spec: { ...SPEC, data }, png, altText: 'Daily sales' },
        actions: [
          { kind: 'show_sql', taskId: context.task.id },
          { kind: 'feedback', taskId: context.task.id, value: 'up' },
          { kind: 'feedback', taskId: context.task.id, value: 'down' },
        ],
      }),
    });
    const kotae = await startTestKotae(db, {
      handler,
      env: {
        DUCKDB_PATH: await sharedDemoPath(),
        DIGEST_TICK_AUDIENCE: AUDIENCE,
        DIGEST_TICK_SERVICE_ACCOUNT: SCHEDULER,
        DIGEST_TICK_CERTS_URL: certs.oauthCertsUrl,
        DIGEST_TIMER: 'off',
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
        FINAL,
        `daily ${time}`,
        'UTC',
        'post',
        'local-user',
      ]);
      expect(stored.chartSpec).toEqual(SPEC);

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
      const tick = await fetch(`${kotae.url}/internal/digests/tick`, {
        method: 'POST',
        headers: { authorization: `Bearer ${schedulerToken()}` },
      });
      expect(await tick.json()).toMatchObject({ ok: true, enqueued: 1 });
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
