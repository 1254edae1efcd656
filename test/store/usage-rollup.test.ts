/**
 * `/kotae usage` across the retention window, on PostgreSQL: 30 days of history, then
 * retention at 7 days deletes the older tasks, query logs and votes into the UsageDaily
 * roll-up. Usage over 30 days must still show what a direct SQL computation over the raw
 * rows gave before retention (asked, answered, failed, bytes, tokens, 👍/👎, bytes per
 * day). If this breaks, last month's usage and costs would shrink each night retention runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../src/app/retention-job.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { localDayStart } from '../../src/core/local-day.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createUsageStore, type UsageFigures } from '../../src/store/usage-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TOKYO = 'Asia/Tokyo';
const NOW = new Date('2026-12-05T03:17:00Z');
const TASKS = 3_000;

interface Direct {
  key: string;
  asked: number;
  answered: number;
  failed: number;
  bytes: bigint;
  input: number;
  output: number;
  up: number;
  down: number;
}

let db: TestDatabase;
let workspaceId: string;
const usage = () => createUsageStore(db.prisma);
const FROM = localDayStart(NOW, TOKYO, 29);

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  const workspace = await db.prisma.workspace.create({
    data: { platform: 'SLACK', externalId: 'T-roll', timeZone: TOKYO },
  });
  workspaceId = workspace.id;
  // Tasks spread over the last 30 days (every ~14 min), in two channels, three users, two
  // models; one in nine fails. Each has one or two executed queries, some a refused one,
  // and some a vote. Another workspace's rows must never count.
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Task" (id, kind, status, "idempotencyKey", "workspaceId", "workspaceKey", platform,
                         "channelId", "threadId", "userId", question, locale, "timeZone", model, "inputTokens",
                         "outputTokens", "createdAt", "completedAt", "updatedAt")
     SELECT 'r' || i, 'QUESTION', CASE WHEN i % 9 = 0 THEN 'FAILED' ELSE 'COMPLETED' END::"TaskStatus",
            'r' || i, CASE WHEN i % 50 = 0 THEN 'W-other' ELSE $1 END, 'T-roll', 'SLACK',
            CASE WHEN i % 3 = 0 THEN 'C-hr' ELSE 'C-sales' END, '', 'U' || (i % 3), 'q', 'en', 'Asia/Tokyo',
            CASE WHEN i % 4 = 0 THEN 'gemini/gemini-2.5-flash' ELSE 'openai/gpt-4.1-mini' END,
            100 + i % 7, 10 + i % 5, ts, ts + interval '3 seconds', ts
       FROM generate_series(1, ${TASKS}) AS i,
            LATERAL (SELECT $2::timestamp - (i * interval '14 minutes') AS ts) AS at`,
    workspaceId,
    NOW,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "QueryLog" (id, "taskId", "workspaceId", "channelId", "userId", backend, sql, verdict,
                             "bytesProcessed", "durationMs", "createdAt")
     SELECT t.id || '-' || n, t.id, t."workspaceId", t."channelId", t."userId", 'bigquery', 'SELECT 1',
            CASE WHEN n = 3 THEN 'REFUSED' ELSE 'EXECUTED' END,
            CASE WHEN n = 3 THEN NULL ELSE (1000 + length(t.id) * 37 + n * 1013)::bigint END, 5, t."createdAt"
       FROM "Task" t, generate_series(1, 3) AS n
      WHERE n = 1 OR (n = 2 AND t.id LIKE '%2') OR (n = 3 AND t.id LIKE '%5')`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Feedback" (id, "taskId", "userId", value, "createdAt")
     SELECT 'f' || t.id, t.id, t."userId", CASE WHEN t.id LIKE '%7' THEN 'down' ELSE 'up' END, t."createdAt"
       FROM "Task" t WHERE t.id LIKE '%1' OR t.id LIKE '%7'`,
  );
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** The period's figures straight from the raw rows, by channel: no shared code. */
async function direct(): Promise<Direct[]> {
  const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
    `WITH scoped AS (
       SELECT * FROM "Task" WHERE "workspaceId" = $1 AND kind = 'QUESTION' AND "createdAt" >= $2 AND "createdAt" < $3)
     SELECT s."channelId" AS key, count(*)::int AS asked,
            sum(CASE WHEN status = 'COMPLETED' THEN 1 ELSE 0 END)::int AS answered,
            sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)::int AS failed,
            sum("inputTokens")::int AS input, sum("outputTokens")::int AS output,
            (SELECT COALESCE(sum(q."bytesProcessed"), 0) FROM "QueryLog" q
              WHERE q."workspaceId" = $1 AND q.verdict = 'EXECUTED' AND q."channelId" = s."channelId"
                AND q."createdAt" >= $2 AND q."createdAt" < $3)::text AS bytes,
            (SELECT count(*) FROM "Feedback" f JOIN scoped x ON x.id = f."taskId"
              WHERE x."channelId" = s."channelId" AND f.value = 'up')::int AS up,
            (SELECT count(*) FROM "Feedback" f JOIN scoped x ON x.id = f."taskId"
              WHERE x."channelId" = s."channelId" AND f.value = 'down')::int AS down
       FROM scoped s GROUP BY s."channelId" ORDER BY 1`,
    workspaceId,
    FROM,
    NOW,
  );
  return rows.map((row) => ({
    key: String(row['key']),
    asked: Number(row['asked']),
    answered: Number(row['answered']),
    failed: Number(row['failed']),
    bytes: BigInt(String(row['bytes'])),
    input: Number(row['input']),
    output: Number(row['output']),
    up: Number(row['up']),
    down: Number(row['down']),
  }));
}

function summarise(figures: UsageFigures): Direct[] {
  return figures.groups
    .map((g) => ({
      key: g.key,
      asked: g.asked,
      answered: g.answered,
      failed: g.failed,
      bytes: g.bytes,
      input: g.tokens.reduce((sum, t) => sum + t.input, 0),
      output: g.tokens.reduce((sum, t) => sum + t.output, 0),
      up: g.up,
      down: g.down,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const thirtyDays = () =>
  usage().figures({ workspaceId, from: FROM, to: NOW, by: 'channel', timeZone: TOKYO });

describe('usage across the retention window', () => {
  it('gives the same figures from the roll-up after retention deleted the raw rows', async () => {
    const expected = await direct();
    expect(expected.reduce((sum, g) => sum + g.asked, 0)).toBeGreaterThan(2_500);
    const before = await thirtyDays();
    expect(summarise(before)).toEqual(expected);
    const byModel = await usage().figures({ workspaceId, from: FROM, to: NOW, by: 'model', timeZone: TOKYO });

    const result = await runRetention(db.prisma, createManualClock(NOW), 7, silentLogger);
    expect(result.tasks).toBeGreaterThan(2_000);
    expect(await db.prisma.usageDaily.count()).toBeGreaterThan(0);
    // The raw rows are gone: a direct computation now sees only the last 7 days.
    expect((await direct()).reduce((sum, g) => sum + g.asked, 0)).toBeLessThan(1_000);

    const after = await thirtyDays();
    expect(summarise(after)).toEqual(expected);
    expect(after.daily).toEqual(before.daily);
    expect(after.daily.length).toBeGreaterThan(40);
    const byModelAfter = await usage().figures({
      workspaceId,
      from: FROM,
      to: NOW,
      by: 'model',
      timeZone: TOKYO,
    });
    expect(summarise(byModelAfter)).toEqual(summarise(byModel));
    // A non-admin's view of one channel is the same slice of the roll-up.
    const hr = await usage().figures({
      workspaceId,
      channelId: 'C-hr',
      from: FROM,
      to: NOW,
      by: 'channel',
      timeZone: TOKYO,
    });
    expect(summarise(hr)).toEqual(expected.filter((g) => g.key === 'C-hr'));
    // Time to answer is not rolled up: the percentiles cover the kept week.
    expect(after.groups[0]!.p95Ms).toBeCloseTo(3000, 0);
  });
});
