/**
 * `/kotae usage` on a large workspace's history (bench/usage-history.ts: 1,000,000
 * query-log rows and 200,000 tasks over 400 days) on the machine's PostgreSQL. Goal: median
 * ≤ 300 ms for the figures. A scratch database is created and dropped; the admin URL is
 * KOTAE_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { createUsageVerb } from '../src/bot/commands/usage-verb.ts';
import { DEFAULT_MODEL_PRICES } from '../src/config/usage-config.ts';
import type { CommandEvent } from '../src/core/chat-event.ts';
import { createManualClock } from '../src/core/clock.ts';
import { localDayStart } from '../src/core/local-day.ts';
import { renderChart } from '../src/render/chart/render-chart.ts';
import { applyMigrations } from '../src/store/migrate.ts';
import { createPrismaClient } from '../src/store/prisma-client.ts';
import { createUsageStore, type UsageGrouping } from '../src/store/usage-store.ts';
import type { WorkspaceRecord } from '../src/store/workspace-store.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';
import { HISTORY_NOW, seedUsageHistory } from './usage-history.ts';

const RUNS = 25;
const TOKYO = 'Asia/Tokyo';

async function time(runs: number, run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function bench(report: BenchReport): Promise<void> {
  const adminUrl = new URL(
    process.env['KOTAE_BENCH_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  const admin = createPrismaClient(adminUrl.toString(), { poolSize: 1 });
  const name = `kotae_bench_usage_${randomBytes(4).toString('hex')}`;
  await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createPrismaClient(url.toString(), { poolSize: 4 });
  try {
    await applyMigrations(url.toString());
    const seeding = performance.now();
    await seedUsageHistory(db);
    report({
      name: 'seed 1M query logs + 200k tasks',
      value: (performance.now() - seeding) / 1000,
      unit: 's',
    });

    const store = createUsageStore(db);
    const figures = (period: number, by: UsageGrouping, channelId?: string) => () =>
      store.figures({
        workspaceId: 'W-big',
        from: localDayStart(HISTORY_NOW, TOKYO, period - 1),
        to: HISTORY_NOW,
        by,
        timeZone: TOKYO,
        ...(channelId ? { channelId } : {}),
      });
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['usage figures 30d by=channel (workspace)', figures(30, 'channel')],
      ['usage figures 30d by=user (workspace)', figures(30, 'user')],
      ['usage figures 30d by=model (workspace)', figures(30, 'model')],
      ['usage figures 7d by=channel (one channel)', figures(7, 'channel', 'C3')],
      ['usage figures today by=channel (workspace)', figures(1, 'channel')],
    ];
    for (const [label, run] of cases) {
      const samples = await time(RUNS, run);
      report({
        name: `${label} median`,
        value: median(samples),
        unit: 'ms',
        note: `p95 ${percentile(samples, 95).toFixed(0)} ms, ${RUNS} runs, goal ≤ 300 ms`,
      });
    }

    const workspace = { id: 'W-big', timeZone: TOKYO } as WorkspaceRecord;
    const verb = createUsageVerb({
      workspaceFor: async () => workspace,
      usage: store,
      adminPolicy: { isAdmin: async () => true, adminNames: async () => [] },
      clock: createManualClock(HISTORY_NOW),
      usdPerTiB: 6.25,
      modelPrices: DEFAULT_MODEL_PRICES,
      renderChart: (spec, options) => renderChart(spec, options),
    });
    const command: CommandEvent = {
      thread: { platform: 'slack', workspaceId: 'T-big', channelId: 'C3', threadId: '' },
      userId: 'U-admin',
      text: 'usage 30d',
    };
    const samples = await time(10, () => verb(command, '30d by=channel', 'ja'));
    report({
      name: '/kotae usage 30d reply incl. chart PNG median',
      value: median(samples),
      unit: 'ms',
      note: `p95 ${percentile(samples, 95).toFixed(0)} ms, 10 runs`,
    });
  } finally {
    await db.$disconnect();
    await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.$disconnect();
  }
}
