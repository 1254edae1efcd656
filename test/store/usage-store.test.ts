/**
 * `/kotae usage` over a large history on PostgreSQL: 200,000 tasks and 1,000,000 query-log
 * rows over 400 days. Every figure is checked against a direct SQL computation that picks
 * the period by local calendar date, so a wrong period, a wrong join or a leak from another
 * workspace shows up as a wrong number. If this breaks, an admin would be shown made-up costs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRouter } from '../../src/bot/commands/command-router.ts';
import { createUsageVerb } from '../../src/bot/commands/usage-verb.ts';
import { DEFAULT_MODEL_PRICES } from '../../src/config/usage-config.ts';
import { HISTORY_NOW, seedUsageHistory } from '../../bench/usage-history.ts';
import type { ChartSpec } from '../../src/core/chart-spec.ts';
import type { CommandEvent } from '../../src/core/chat-event.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { localDayStart } from '../../src/core/local-day.ts';
import type { Intake } from '../../src/core/ports/intake.ts';
import { createUsageStore, type UsageGroup } from '../../src/store/usage-store.ts';
import { createWorkspaceStore } from '../../src/store/workspace-store.ts';
import { toChatMessages } from '../../src/render/gchat-cards.ts';
import { toSlackMessages } from '../../src/render/slack-blocks.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TOKYO = 'Asia/Tokyo';

interface Direct {
  key: string;
  asked: number;
  answered: number;
  failed: number;
  p50: number | null;
  p95: number | null;
  bytes: bigint;
  tokens: number;
  up: number;
  down: number;
}

describe('usage over 1,000,000 query-log rows and 200,000 tasks', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    await seedUsageHistory(db.prisma);
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  /** The same figures, computed directly: local dates in SQL, correlated sub-queries, no shared code. */
  async function direct(
    firstDay: string,
    by: 'channelId' | 'userId' | 'model',
    channel?: string,
  ): Promise<Direct[]> {
    const key = by === 'model' ? `COALESCE(t.model, '-')` : `t."${by}"`;
    const inPeriod = (alias: string) =>
      `((${alias}."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE '${TOKYO}')::date BETWEEN DATE '${firstDay}' AND DATE '2026-12-05'
       AND ${alias}."createdAt" < TIMESTAMP '2026-12-05 12:00:00'`;
    const channelFilter = (alias: string) => (channel ? `AND ${alias}."channelId" = '${channel}'` : '');
    const logKey = by === 'model' ? `COALESCE(t2.model, '-')` : `q."${by}"`;
    const logJoin = by === 'model' ? `JOIN "Task" t2 ON t2.id = q."taskId"` : '';
    const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(`
      WITH scoped AS (
        SELECT t.*, ${key} AS k FROM "Task" t
         WHERE t."workspaceId" = 'W-big' AND t.kind = 'QUESTION' AND ${inPeriod('t')} ${channelFilter('t')}),
      stats AS (
        SELECT k, count(*)::int AS asked,
               sum(CASE WHEN status = 'COMPLETED' THEN 1 ELSE 0 END)::int AS answered,
               sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)::int AS failed,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "completedAt" - "createdAt") * 1000)
                 FILTER (WHERE status = 'COMPLETED') AS p50,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "completedAt" - "createdAt") * 1000)
                 FILTER (WHERE status = 'COMPLETED') AS p95,
               sum("inputTokens" + "outputTokens")::bigint AS tokens
          FROM scoped GROUP BY k),
      logged AS (
        SELECT ${logKey} AS k, sum(q."bytesProcessed") AS bytes FROM "QueryLog" q ${logJoin}
         WHERE q."workspaceId" = 'W-big' AND q.verdict = 'EXECUTED' AND ${inPeriod('q')} ${channelFilter('q')}
         GROUP BY 1),
      votes AS (
        SELECT s.k, sum(CASE WHEN f.value = 'up' THEN 1 ELSE 0 END)::int AS up,
               sum(CASE WHEN f.value = 'down' THEN 1 ELSE 0 END)::int AS down
          FROM "Feedback" f JOIN scoped s ON s.id = f."taskId" GROUP BY s.k)
      SELECT stats.k AS key, asked, answered, failed, p50, p95, tokens,
             COALESCE(logged.bytes, 0) AS bytes, COALESCE(votes.up, 0) AS up, COALESCE(votes.down, 0) AS down
        FROM stats LEFT JOIN logged USING (k) LEFT JOIN votes USING (k)
       ORDER BY 1`);
    return rows.map((row) => ({
      key: String(row['key']),
      asked: Number(row['asked']),
      answered: Number(row['answered']),
      failed: Number(row['failed']),
      p50: row['p50'] === null ? null : Number(row['p50']),
      p95: row['p95'] === null ? null : Number(row['p95']),
      bytes: BigInt(String(row['bytes'])),
      tokens: Number(row['tokens']),
      up: Number(row['up']),
      down: Number(row['down']),
    }));
  }

  const comparable = (groups: UsageGroup[]): Direct[] =>
    groups
      .map((g) => ({
        key: g.key,
        asked: g.asked,
        answered: g.answered,
        failed: g.failed,
        p50: g.p50Ms,
        p95: g.p95Ms,
        bytes: g.bytes,
        tokens: g.tokens.reduce((sum, m) => sum + m.input + m.output, 0),
        up: g.up,
        down: g.down,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));

  const expectSame = (actual: Direct[], expected: Direct[]) => {
    expect(actual.map((g) => g.key)).toEqual(expected.map((g) => g.key));
    expected.forEach((want, i) => {
      const got = actual[i]!;
      expect({ ...got, p50: 0, p95: 0 }).toEqual({ ...want, p50: 0, p95: 0 });
      expect(got.p50).toBeCloseTo(want.p50!, 6);
      expect(got.p95).toBeCloseTo(want.p95!, 6);
    });
  };

  it.each([
    ['30d', 'channel', 29, '2026-11-06', 'channelId'],
    ['7d', 'user', 6, '2026-11-29', 'userId'],
    ['today', 'model', 0, '2026-12-05', 'model'],
    ['30d', 'model', 29, '2026-11-06', 'model'],
  ] as const)(
    'answers %s by %s with the figures a direct SQL computation gives',
    async (_period, by, back, firstDay, column) => {
      const store = createUsageStore(db.prisma);
      const from = localDayStart(HISTORY_NOW, TOKYO, back);
      const figures = await store.figures({
        workspaceId: 'W-big',
        from,
        to: HISTORY_NOW,
        by,
        timeZone: TOKYO,
      });
      const expected = await direct(firstDay, column);
      expect(expected.length).toBeGreaterThan(2);
      expect(expected.reduce((sum, g) => sum + g.asked, 0)).toBeGreaterThan(back === 0 ? 300 : 1_000);
      expectSame(comparable(figures.groups), expected);

      // The chart's days are local days and add up to the same bytes.
      const days = new Set(figures.daily.map((row) => row.day));
      expect(days.size).toBe(back + 1);
      expect([...days].sort()[0]).toBe(firstDay);
      const chartBytes = figures.daily.reduce((sum, row) => sum + row.bytes, 0n);
      expect(chartBytes).toBe(expected.reduce((sum, g) => sum + g.bytes, 0n));
    },
  );

  it('shows a non-admin only their own channel; admins the workspace, as a table and a chart, with KPI flags', async () => {
    const workspaces = createWorkspaceStore(db.prisma);
    const charts: ChartSpec[] = [];
    const usage = createUsageVerb({
      // The seeded history belongs to workspace id "W-big".
      workspaceFor: async (c) => ({
        ...(await workspaces.ensure(c.thread.platform, c.thread.workspaceId, {
          locale: 'en',
          timeZone: TOKYO,
        })),
        id: 'W-big',
      }),
      usage: createUsageStore(db.prisma),
      adminPolicy: { isAdmin: async (p) => p.userId === 'U-admin', adminNames: async () => ['<@U-admin>'] },
      clock: createManualClock(HISTORY_NOW),
      usdPerTiB: 6.25,
      modelPrices: DEFAULT_MODEL_PRICES,
      defaultModel: 'gpt-4.1-mini',
      publishChart: async () => ({
        fileId: '',
        url: 'https://kotae.example/charts/usage.png?sig=x',
        shownInThread: false,
      }),
      renderChart: async (spec) => {
        charts.push(spec);
        return new Uint8Array([137, 80, 78, 71]);
      },
    });
    const router = createCommandRouter({ intake: {} as Intake, defaultLocale: 'en', extraVerbs: { usage } });
    const command = (text: string, userId: string, locale: 'en' | 'ja' = 'en'): CommandEvent => ({
      thread: { platform: 'slack', workspaceId: 'T-big', channelId: 'C3', threadId: '' },
      userId,
      text,
      locale,
    });

    const admin = await router.handle(command('usage 30d by=channel', 'U-admin'));
    expect(admin.reply.text).toContain(
      '*Workspace usage* (last 30 days, Nov 6, 2026 to Dec 5, 2026, time zone Asia/Tokyo)',
    );
    expect(admin.reply.table!.rows.map((row) => row[0]).sort()).toEqual([
      'C0',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
    ]);
    // C3 answers slowly (p95 over 5 s): a warning, and no other channel is flagged.
    expect(admin.reply.text).toMatch(/Warning: p95 time to answer in C3 is [5-9]\.\d s/);
    expect(admin.reply.text.match(/Warning/g)).toHaveLength(1);
    expect(admin.reply.chart?.png).toBeDefined();
    // Slack and Google Chat show the table and the chart (by its signed URL) from the command's answer.
    const content = {
      kind: 'reply' as const,
      reply: admin.reply,
      ...(admin.chart ? { chart: admin.chart } : {}),
    };
    const slack = JSON.stringify(toSlackMessages(content));
    expect(slack).toContain('"image_url":"https://kotae.example/charts/usage.png?sig=x"');
    expect(slack).toContain('C3');
    const chat = JSON.stringify(toChatMessages(content));
    expect(chat).toContain('"imageUrl":"https://kotae.example/charts/usage.png?sig=x"');
    expect(charts[0]).toMatchObject({ type: 'stacked_bar', x: 'day', series: 'channel' });
    expect(new Set(charts[0]!.data.map((row) => row['channel']))).toEqual(
      new Set(['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6']),
    );

    const expected = await direct('2026-11-06', 'channelId');
    const c3 = expected.find((g) => g.key === 'C3')!;
    const row = admin.reply.table!.rows.find((r) => r[0] === 'C3')!;
    expect(row.slice(1, 4)).toEqual([c3.asked, c3.answered, c3.failed]);
    expect(row[7]).toBeCloseTo((Number(c3.bytes) / 1024 ** 4) * 6.25, 2);

    // By user: U5 fails often, a critical error rate.
    const users = await router.handle(command('usage 30d by=user', 'U-admin'));
    expect(users.reply.text).toMatch(/Critical: error rate in U5 is \d+(\.\d)?%/);

    const member = await router.handle(command('usage 30d', 'U-member', 'ja'));
    expect(member.reply.text).toContain('このチャンネルの利用状況');
    expect(member.reply.table!.rows.map((r) => r[0])).toEqual(['C3']);
    expect(member.reply.table!.rows[0]!.slice(1, 4)).toEqual([c3.asked, c3.answered, c3.failed]);
    expect(new Set(charts.at(-1)!.data.map((r) => r['channel']))).toEqual(new Set(['C3']));

    const bad = await router.handle(command('usage yesterday', 'U-admin'));
    expect(bad.reply.kind).toBe('error');
    expect(bad.reply.text).toContain('Usage: `/kotae usage [today|7d|30d] [by=channel|user|model]`');
    const badJa = await router.handle(command('usage by=team', 'U-admin', 'ja'));
    expect(badJa.reply.text).toContain('使い方');
  });
});
