/**
 * How fast the Slack request URL acks: signed Events API requests at a fixed rate on
 * loopback, against the real path (verify → parse → Bolt → intake: dedupe, persist,
 * publish → ack), with the placeholder posted after each ack. Slack gives up after 3 s;
 * our goal is p99 ≤ 50 ms at 200 events/s.
 *
 * Side by side: the same rate of signed events the bot ignores (a bot's own message:
 * verify, parse and Bolt, no database), to show what persisting costs.
 *
 * Database: PostgreSQL, as production runs (bench-database.ts: KOTAE_BENCH_DATABASE_URL, or a
 * throwaway database on the machine's PostgreSQL); the embedded PGlite (what `kotae dev`
 * runs) only when no PostgreSQL answers. Slack's Web API is not called:
 * the placeholder goes to an in-memory ChatPlatform, so only our own work is timed.
 */
import { randomUUID } from 'node:crypto';
import { createCommandRouter } from '../bot/commands/command-router.ts';
import { createHttpServer } from '../bot/http/http-server.ts';
import { createIntake } from '../bot/intake.ts';
import { createSlackApp } from '../bot/slack/app.ts';
import type { SlackTokens } from '../bot/slack/tokens.ts';
import { signSlackRequest } from '../bot/slack/verify-slack-request.ts';
import { systemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import type { ChatPlatform, MessageRef } from '../core/ports/chat-platform.ts';
import { createMemoryQueue } from '../queue/memory-queue.ts';
import { startEmbeddedPostgres } from '../store/embedded-postgres.ts';
import { createFeedbackStore } from '../store/feedback-store.ts';
import { applyMigrations } from '../store/migrate.ts';
import { createPrismaClient } from '../store/prisma-client.ts';
import { createTaskStore } from '../store/task-store.ts';
import { createWorkspaceStore } from '../store/workspace-store.ts';
import { createSlackTaskLookup } from '../bot/slack/task-lookup.ts';
import { benchPostgres } from './bench-database.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';

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
    tasks: createSlackTaskLookup({ tasks }),
    feedback: createFeedbackStore(prisma),
    platform,
  });
  await app.start();
  const server = createHttpServer(app.routes, silentLogger);
  const { port } = await server.listen(0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${port}/slack/events`;

  try {
    // Warm-up, one at a time: JIT, connection pools, and the workspace row (first sight).
    for (let i = 0; i < 20; i += 1) await load(endpoint, 1, 1, 'warm-up', mention);
    let sent = 20;
    const ignoredP99: number[] = [];
    for (const rate of RATES) {
      const ignored = await load(endpoint, rate, rate * SECONDS, `ignored${rate}`, botMessage);
      const stored = await load(endpoint, rate, rate * SECONDS, `stored${rate}`, mention);
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
    await server.close();
    await app.stop();
    await queue.close();
    await prisma.$disconnect();
    await embedded?.stop();
    await postgres?.drop();
  }
}

type Body = (eventId: string, n: number) => Record<string, unknown>;

function mention(eventId: string, n: number): Record<string, unknown> {
  const ts = `${1_767_000_000 + n}.${String(n).padStart(6, '0')}`;
  return envelope(eventId, {
    type: 'app_mention',
    user: `U${(n % 50).toString().padStart(8, '0')}`,
    text: `<@${BOT_USER}> 先月の都道府県別売上トップ10は？ (${n})`,
    ts,
    channel: 'C0BENCH01',
    event_ts: ts,
  });
}

function botMessage(eventId: string, n: number): Record<string, unknown> {
  const ts = `${1_768_000_000 + n}.000001`;
  return envelope(eventId, {
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B0OTHER',
    channel: 'D0BENCH01',
    channel_type: 'im',
    text: 'status ok',
    ts,
    event_ts: ts,
  });
}

function envelope(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'unused',
    team_id: TEAM,
    api_app_id: 'A0BENCH',
    event,
    type: 'event_callback',
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
  };
}

/** Open loop: request i starts at i/rate seconds whether or not earlier ones finished. */
async function load(
  endpoint: string,
  rate: number,
  count: number,
  label: string,
  body: Body,
): Promise<{ latencies: number[]; failures: number; achievedRate: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const raw = JSON.stringify(body(`Ev${label}${randomUUID().replaceAll('-', '')}`, i));
    const timestamp = Math.floor(Date.now() / 1000);
    const sentAt = performance.now();
    inFlight.push(
      fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackRequest(SECRET, timestamp, raw),
        },
        body: raw,
      }).then(
        async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - sentAt);
          if (response.status !== 200) failures += 1;
        },
        () => {
          failures += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, failures, achievedRate: count / elapsed };
}
