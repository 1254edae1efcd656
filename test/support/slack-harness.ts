/**
 * The Slack app as it runs in the bot, end to end on loopback: the real Bolt app behind
 * the bot's HTTP server, the real intake and command router on a test database, the real
 * @slack/web-api client talking to the fake Slack. Requests are signed like Slack signs
 * them, at the harness's manual clock; time moves only when a test moves it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { join } from 'node:path';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/bot/slack/app.ts';
import { signSlackRequest } from '../../src/bot/slack/slack-verify.ts';
import { createSlackTaskLookup } from '../../src/bot/slack/task-lookup.ts';
import { createSingleWorkspaceTokens } from '../../src/bot/slack/tokens.ts';
import { createSlackWebClient } from '../../src/bot/slack/web-client.ts';
import type { LogLevel } from '../../src/bot/slack/bolt-logger.ts';
import { createCommandRouter } from '../../src/bot/commands/command-router.ts';
import { createHttpServer, type HttpServer } from '../../src/bot/http/http-server.ts';
import { createIntake } from '../../src/bot/intake.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import type { Intake } from '../../src/core/ports/intake.ts';
import type { TaskQueue } from '../../src/core/ports/task-queue.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { createFeedbackStore } from '../../src/store/feedback-store.ts';
import type { Database } from '../../src/store/prisma-client.ts';
import { createTaskStore, type TaskStore } from '../../src/store/task-store.ts';
import { createWorkspaceStore, type WorkspaceStore } from '../../src/store/workspace-store.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createManualTimers, type ManualTimers } from './manual-timers.ts';

export const TEAM = 'T123ABC456';
export const BOT_USER = 'U0LAN0Z89';
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'slack');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

export interface SendOptions {
  retryNum?: number;
  retryReason?: string;
  /** Seconds to add to the signature timestamp (negative: an old request). */
  skewSeconds?: number;
  secret?: string;
  /** Change the body after signing. */
  tamper?: (raw: string) => string;
  omitHeader?: 'x-slack-signature' | 'x-slack-request-timestamp';
}

export interface SlackHarness {
  fake: FakeSlack;
  app: SlackApp;
  timers: ManualTimers;
  clock: ManualTimers['clock'];
  queue: TaskQueue;
  intake: Intake;
  tasks: TaskStore;
  workspaces: WorkspaceStore;
  botToken: string;
  url: string;
  /** POSTs a JSON Events API body, signed. */
  sendEvent(body: unknown, options?: SendOptions): Promise<Response>;
  /** POSTs form fields (slash commands), signed. */
  sendForm(fields: Record<string, string>, options?: SendOptions): Promise<Response>;
  /** POSTs an interactivity payload (form field `payload`), signed. */
  sendInteraction(payload: unknown, options?: SendOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  prisma: Database;
  logger?: Logger;
  fake?: FakeSlack;
  timers?: ManualTimers;
  queue?: TaskQueue;
  overrides?: Partial<SlackAppOptions>;
  logLevel?: LogLevel;
}

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const logger = options.logger ?? silentLogger;
  const timers = options.timers ?? createManualTimers(createManualClock(new Date('2026-11-21T09:00:00Z')));
  const clock = timers.clock;
  const fake = options.fake ?? (await startFakeSlack({ clock }));
  const ownsFake = !options.fake;
  const botToken = fake.addBot(TEAM, { botUserId: BOT_USER, botId: 'B0KOTAE' });
  const tasks = createTaskStore(options.prisma);
  const workspaces = createWorkspaceStore(options.prisma);
  const queue = options.queue ?? createMemoryQueue({ concurrency: 1, logger });
  const intake = createIntake({
    tasks,
    workspaces,
    queue,
    clock,
    logger,
    options: {
      maxAttempts: 3,
      questionMaxChars: 4000,
      userTasksPerHour: 1000,
      defaultLocale: 'ja',
      timeZone: 'Asia/Tokyo',
    },
  });
  const client = createSlackWebClient({
    slackApiUrl: fake.apiUrl,
    logger,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  const app = createSlackApp({
    transport: { kind: 'http', signingSecret: SIGNING_SECRET },
    tokens: createSingleWorkspaceTokens({ botToken, client }),
    intake,
    commands: createCommandRouter({ intake, defaultLocale: 'ja' }),
    defaultLocale: 'ja',
    tasks: createSlackTaskLookup({ tasks }),
    feedback: createFeedbackStore(options.prisma),
    client,
    slackApiUrl: fake.apiUrl,
    clock,
    timers,
    logger,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...options.overrides,
  });
  await app.start();
  const server: HttpServer = createHttpServer(app.routes, logger, { defaultLocale: 'ja' });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/slack/events`;

  let closed = false;

  async function post(raw: string, contentType: string, send: SendOptions = {}): Promise<Response> {
    const timestamp = Math.floor(clock.now().getTime() / 1000) + (send.skewSeconds ?? 0);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(send.secret ?? SIGNING_SECRET, timestamp, raw),
    };
    if (send.retryNum !== undefined) headers['x-slack-retry-num'] = String(send.retryNum);
    if (send.retryReason) headers['x-slack-retry-reason'] = send.retryReason;
    if (send.omitHeader) delete headers[send.omitHeader];
    return await fetch(url, { method: 'POST', headers, body: send.tamper ? send.tamper(raw) : raw });
  }

  return {
    fake,
    app,
    timers,
    clock,
    queue,
    intake,
    tasks,
    workspaces,
    botToken,
    url,
    sendEvent: (body, send) => post(JSON.stringify(body), 'application/json', send),
    sendForm: (fields, send) =>
      post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', send),
    sendInteraction: (payload, send) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        send,
      ),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await app.stop();
      await queue.close();
      if (ownsFake) await fake.close();
    },
  };
}

/** Lets queued promise callbacks and loopback I/O run, without moving the manual clock. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

export interface SlackTestContext {
  db: TestDatabase;
  slack: SlackHarness;
}

/**
 * The usual lifecycle of a Slack test file: one PostgreSQL database for the file, a fresh
 * harness (fake Slack, Bolt app, stores) per test, with the tables the file writes emptied
 * first. `beforeClose` runs before the harness closes (e.g. to stop a worker).
 */
export function useSlackHarness(
  options: { clear?: Array<'task' | 'feedback'>; beforeClose?: () => Promise<void> } = {},
): SlackTestContext {
  const context = {} as SlackTestContext;
  beforeAll(async () => {
    context.db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await context.db?.drop();
  });
  beforeEach(async () => {
    const clear = options.clear ?? ['task'];
    if (clear.includes('task')) await context.db.prisma.task.deleteMany();
    if (clear.includes('feedback')) await context.db.prisma.feedback.deleteMany();
    context.slack = await startSlackHarness({ prisma: context.db.prisma });
  });
  afterEach(async () => {
    await options.beforeClose?.();
    await context.slack.close();
  });
  return context;
}
