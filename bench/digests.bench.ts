/**
 * 1,000 digests due at the same minute across 200 channels, delivered by one worker over
 * a warehouse that takes 200 ms per query (the real MCP guard in front of a fake backend),
 * on PGlite (and PostgreSQL when KOTAE_BENCH_DATABASE_URL names a migrated database).
 * The chat platform keeps each channel to one write a second, as Slack and Google Chat
 * ask; a write that would exceed it counts as a 429. Reports the time from the tick to the
 * last post, the tick's own time, and the 429s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/app/open-database.ts';
import { createStores } from '../src/app/stores.ts';
import { loadConfig } from '../src/config/config.ts';
import { createManualClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { ChatPlatform } from '../src/core/ports/chat-platform.ts';
import { createDigestRunner } from '../src/digests/digest-runner.ts';
import { createDigestTick } from '../src/digests/digest-tick.ts';
import { connectWarehouse } from '../src/mcp/connect-in-process.ts';
import type { WarehouseBackend } from '../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../src/mcp/warehouse-server.ts';
import { createMemoryQueue } from '../src/queue/memory-queue.ts';
import { renderChart } from '../src/render/chart/render-chart.ts';
import { createDigestRunStore } from '../src/store/digest-run-store.ts';
import { createSubscriptionStore } from '../src/store/subscription-store.ts';
import { createTaskRunner } from '../src/worker/task-runner.ts';
import { createWorker } from '../src/worker/worker.ts';
import type { BenchReport } from './bench-row.ts';

const DIGESTS = 1_000;
const CHANNELS = 200;
const QUERY_MS = 200;
const WRITE_GAP_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slowBackend(): WarehouseBackend {
  const none = async () => [];
  return {
    kind: 'duckdb',
    dialect: 'DuckDB SQL',
    listDatasets: none,
    listTables: none,
    catalogue: none,
    describeTable: async () => null,
    sampleRows: async () => ({ columns: [], rows: [] }) as never,
    glossary: none,
    dryRun: async () => ({
      statementType: 'SELECT',
      bytesProcessed: 1024,
      referencedTables: [{ dataset: 'retail', table: 'sales' }],
    }),
    async execute() {
      await sleep(QUERY_MS);
      const rows = Array.from({ length: 7 }, (_, day) => [`2026-10-${25 + day}`, 1000 + day * 37]);
      return {
        columns: [
          { name: 'sale_date', type: 'DATE' },
          { name: 'sales', type: 'INT64' },
        ],
        rows,
        totalRows: 7,
        jobId: 'bench',
      };
    },
    close: async () => {},
  };
}

/**
 * Writes paced to one a second per channel: each channel's writes queue behind each other
 * and wait for the gap since the previous write actually happened. A write closer than
 * that to the previous one would be a 429; they are counted (the pacing should leave none).
 */
function pacedPlatform() {
  const tails = new Map<string, Promise<void>>();
  const lastWrite = new Map<string, number>();
  const state = { posts: 0, writes: 0, tooFast: 0, lastPostAt: 0 };
  const write = (channel: string): Promise<void> => {
    const turn = (tails.get(channel) ?? Promise.resolve()).then(async () => {
      const wait = (lastWrite.get(channel) ?? -Infinity) + WRITE_GAP_MS - performance.now();
      if (wait > 0) await sleep(Math.ceil(wait) + 1);
      const at = performance.now();
      if (at - (lastWrite.get(channel) ?? -Infinity) < WRITE_GAP_MS) state.tooFast += 1;
      lastWrite.set(channel, at);
      state.writes += 1;
    });
    tails.set(channel, turn);
    return turn;
  };
  let id = 0;
  const platform: ChatPlatform = {
    async post(thread) {
      await write(thread.channelId);
      state.posts += 1;
      state.lastPostAt = performance.now();
      return { thread, messageId: `m${(id += 1)}` };
    },
    async update(message) {
      await write(message.thread.channelId);
    },
    async upload(thread) {
      await write(thread.channelId);
      return { fileId: `f${(id += 1)}`, shownInThread: true };
    },
  };
  return { platform, state };
}

async function run(report: BenchReport, name: string, env: Record<string, string>): Promise<void> {
  const config = loadConfig({
    PORT: '0',
    KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-bench-')),
    ...env,
  });
  const database = await openDatabase(config, silentLogger, { migrate: true });
  const stores = createStores(database.db);
  const clock = createManualClock(new Date('2026-03-01T00:00:00Z'));
  const subscriptions = createSubscriptionStore(database.db);
  const { platform, state } = pacedPlatform();
  const queue = createMemoryQueue({ concurrency: config.tasks.workerConcurrency, logger: silentLogger });
  const backend = slowBackend();
  try {
    const workspace = await stores.workspaces.ensure('slack', `TBENCH${Date.now()}`, {
      locale: 'en',
      timeZone: 'Asia/Tokyo',
    });
    for (let i = 0; i < DIGESTS; i += 1) {
      await subscriptions.create({
        workspaceId: workspace.id,
        thread: { platform: 'slack', workspaceId: 'TBENCH', channelId: `C${i % CHANNELS}`, threadId: '' },
        name: `Digest ${i}`,
        question: 'sales',
        sql: 'SELECT sale_date, sum(amount) AS sales FROM retail.sales GROUP BY 1',
        chartSpec: { type: 'bar', title: 'Sales', x: 'sale_date', y: ['sales'], data: [] },
        schedule: 'daily 09:00',
        timeZone: 'Asia/Tokyo',
        locale: 'en',
        createdBy: 'U0bench',
        createdAt: new Date('2026-02-28T20:00:00Z'),
      });
    }
    const workerId = 'bench-worker';
    const digests = createDigestRunner({
      tasks: stores.tasks,
      runs: createDigestRunStore(database.db),
      subscriptions,
      workspaces: stores.workspaces,
      charts: stores.charts,
      platformFor: () => platform,
      directMessages: { send: async () => {} },
      openWarehouse: async (view) =>
        connectWarehouse(
          createWarehouseServer({
            backend,
            policy: {
              allowedDatasets: ['retail'],
              maxBytesBilled: 1e12,
              maxRows: 200,
              maxResultBytes: 1e6,
              timeoutMs: 30_000,
            },
            context: {
              workspaceId: view.workspace.id,
              channelId: view.thread.channelId,
              userId: view.userId,
              taskId: view.id,
            },
            onLogError: () => {},
          }),
        ),
      renderChart,
      clock,
      logger: silentLogger,
      options: { workerId, leaseMs: 600_000, chartTtlMs: 86_400_000 },
    });
    const runner = createTaskRunner({
      ...stores,
      platformFor: () => platform,
      handlerFor: () => {
        throw new Error('digests only');
      },
      digests,
      clock,
      logger: silentLogger,
      options: { workerId, leaseMs: 600_000, historyTurns: 0, chartTtlMs: 86_400_000, placeholderWaitMs: 0 },
    });
    const worker = createWorker({ queue, runner, logger: silentLogger, shutdownGraceMs: 5_000 });
    await worker.start();
    const tick = createDigestTick({
      subscriptions,
      tasks: stores.tasks,
      queue,
      clock,
      lateAfterMs: 300_000,
      maxAttempts: 3,
    });

    clock.set(new Date('2026-03-01T00:00:05Z')); // 09:00:05 in Tokyo: every digest is due.
    const started = performance.now();
    const ticked = await tick();
    const tickMs = performance.now() - started;
    while (state.posts < ticked.enqueued) await sleep(50);
    const lastPost = (state.lastPostAt - started) / 1000;
    await worker.stop();
    const posted = await database.db.digestRun.count({ where: { status: 'posted' } });
    report({
      name: `${name}: tick → last digest posted`,
      value: lastPost,
      unit: 's',
      note: `${posted} of ${DIGESTS} posted, ${CHANNELS} channels, ${QUERY_MS} ms/query, one worker ×${config.tasks.workerConcurrency}`,
    });
    report({
      name: `${name}: the tick itself`,
      value: tickMs / 1000,
      unit: 's',
      note: `${ticked.enqueued} runs created and queued`,
    });
    report({
      name: `${name}: writes over 1/s per channel (429s)`,
      value: state.tooFast,
      unit: 'writes',
      note: `${state.writes} writes`,
    });
  } finally {
    await queue.close();
    await database.close();
  }
}

export async function bench(report: BenchReport): Promise<void> {
  await run(report, 'PGlite', {});
  const external = process.env['KOTAE_BENCH_DATABASE_URL'];
  if (external) await run(report, 'PostgreSQL', { DATABASE_URL: external });
}
