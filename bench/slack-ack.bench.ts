/**
 * How fast the Slack request URL acks: signed Events API requests at a fixed rate on
 * loopback, against the real path (verify → parse → Bolt → intake: dedupe, persist,
 * publish → ack), with the placeholder posted after each ack. Slack gives up after 3 s;
 * our goal is p99 ≤ 50 ms at 200 events/s.
 *
 * The requests come from a worker thread (slack-load-thread.ts): Slack's side of the
 * conversation is not our process's CPU.
 *
 * Side by side: the same rate of signed events the bot ignores (a bot's own message:
 * verify, parse and Bolt, no database), to show what persisting costs.
 *
 * Database: PostgreSQL, as production runs (bench-database.ts: KOTAE_BENCH_DATABASE_URL, or a
 * throwaway database on the machine's PostgreSQL); the embedded PGlite (what `kotae dev`
 * runs) only when no PostgreSQL answers. Slack's Web API is not called:
 * the placeholder goes to an in-memory ChatPlatform, so only our own work is timed.
 */
import { createCommandRouter } from '../src/bot/commands/command-router.ts';
import { createHttpServer } from '../src/bot/http/http-server.ts';
import { createIntake } from '../src/bot/intake.ts';
import { createSlackApp } from '../src/bot/slack/app.ts';
import type { SlackTokens } from '../src/bot/slack/tokens.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { ChatPlatform, MessageRef } from '../src/core/ports/chat-platform.ts';
import { createMemoryQueue } from '../src/queue/memory-queue.ts';
import { startEmbeddedPostgres } from '../src/store/embedded-postgres.ts';
import { createFeedbackStore } from '../src/store/feedback-store.ts';
import { applyMigrations } from '../src/store/migrate.ts';
import { createPrismaClient } from '../src/store/prisma-client.ts';
import { createTaskStore } from '../src/store/task-store.ts';
import { createWorkspaceStore } from '../src/store/workspace-store.ts';
import { createSlackTaskLookup } from '../src/bot/slack/task-lookup.ts';
import { benchPostgres } from './bench-database.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';
import { startLoadThread, type LoadSetup } from './slack-load-thread.ts';

/** The target rate, and a lower one to show where the knee is. */
const RATES = [50, 200];
const SECONDS = 10;
const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH01';
const BOT_USER = 'U0BENCHBOT';

export async function bench(report: BenchReport): Promise<void> {
  const postgres = await benchPostgres();
  const embedded = postgres ? null : await startEmbeddedPostgres();
  const url = postgres?.url ?? embedded!.url;
  if (embedded) await applyMigrations(url);
  const prisma = createPrismaClient(url, { poolSize: embedded ? 1 : 10 });
  const queue = createMemoryQueue({ concurrency: 1, logger: silentLogger });
  let placeholders = 0;
  const platform: ChatPlatform = {
    post: async (thread): Promise<MessageRef> => ({
      thread,
      messageId: `${Date.now() / 1000}.${++placeholders}`,
    }),
    update: async () => {},
    upload: async () => ({ fileId: 'F0', shownInThread: true }),
  };
  const tokens: SlackTokens = {
    botTokenFor: async () => 'xoxb-bench',
    authorize: async () => ({ botToken: 'xoxb-bench', botUserId: BOT_USER, botId: 'B0BENCH', teamId: TEAM }),
    start: async () => {},
    forget: () => {},
  };
  const tasks = createTaskStore(prisma);
  const intake = createIntake({
    tasks,
    workspaces: createWorkspaceStore(prisma),
    queue,
    clock: systemClock,
    logger: silentLogger,
    options: {
      maxAttempts: 3,
      questionMaxChars: 4000,
      // Above what 50 users send in one run, so nothing is refused; intake counts up to it.
      userTasksPerHour: 1_000,
      defaultLocale: 'ja',
      timeZone: 'Asia/Tokyo',
    },
  });
  const app = createSlackApp({
    transport: { kind: 'http', signingSecret: SECRET },
    tokens,
    intake,
    commands: createCommandRouter({ intake, defaultLocale: 'ja' }),
    defaultLocale: 'ja',
    tasks: createSlackTaskLookup({ tasks }),
    feedback: createFeedbackStore(prisma),
    platform,
  });
  await app.start();
  const server = createHttpServer(app.routes, silentLogger, { defaultLocale: 'ja' });
  const { port } = await server.listen(0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}/slack/events`;
  const loadThread = startLoadThread();

  try {
    // Warm-up, one at a time: JIT, connection pools, and the workspace row (first sight).
    const load = (rate: number, count: number, label: string, body: LoadSetup['body']) =>
      loadThread.run({ endpoint, rate, count, label, body, secret: SECRET, team: TEAM, botUser: BOT_USER });
    await load(10, 20, 'warm-up', 'mention');
    let sent = 20;
    const ignoredP99: number[] = [];
    for (const rate of RATES) {
      const ignored = await load(rate, rate * SECONDS, `ignored${rate}`, 'botMessage');
      const stored = await load(rate, rate * SECONDS, `stored${rate}`, 'mention');
      sent += rate * SECONDS;
      for (const [label, result] of [
        [`ignored event (verify + Bolt, no DB) at ${rate}/s`, ignored],
        [`question (verify + Bolt + intake) at ${rate}/s`, stored],
      ] as const) {
        report({ name: `${label}: ack p50`, value: median(result.latencies), unit: 'ms' });
        report({
          name: `${label}: ack p99`,
          value: percentile(result.latencies, 99),
          unit: 'ms',
          note: 'goal ≤ 50 ms at 200/s',
        });
        report({
          name: `${label}: achieved`,
          value: result.achievedRate,
          unit: 'events/s',
          note: `${result.failures} not 200`,
        });
      }
      ignoredP99.push(percentile(ignored.latencies, 99));
      report({
        name: `p99 question / ignored at ${rate}/s`,
        value: percentile(stored.latencies, 99) / ignoredP99.at(-1)!,
        unit: '×',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 3000)); // late (deadline-missed) work lands
    const count = await prisma.task.count({ where: { workspaceKey: TEAM } });
    report({
      name: 'tasks stored',
      value: count,
      unit: 'tasks',
      note: `${sent} questions sent; a 503 is retried by Slack`,
    });
    report({ name: 'placeholders posted after ack', value: placeholders, unit: 'posts' });
    report({
      name: 'database',
      value: embedded ? 1 : 0,
      unit: embedded ? 'PGlite (embedded)' : 'PostgreSQL',
      note: postgres?.source ?? 'no PostgreSQL answered',
    });
  } finally {
    await loadThread.close();
    await server.close();
    await app.stop();
    await queue.close();
    await prisma.$disconnect();
    await embedded?.stop();
    await postgres?.drop();
  }
}
