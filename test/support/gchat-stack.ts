/**
 * Kotae's Google Chat path, assembled from the real parts: PostgreSQL, intake, command
 * router, in-process queue, worker, createGchat (routes, platform, Pub/Sub receiver) and
 * the chart routes on the bot's HTTP server, the platform talking to the fake Chat API
 * through the real @googleapis/chat client, and Google's certificate endpoint faked on
 * loopback.
 *
 * The task handler is scripted (the agent plugs in the same way): it reports steps and
 * answers with text, a table, a chart PNG, provenance and buttons.
 *
 * Two clocks: intake and the worker run on real time; Google Chat (its write limiter, token
 * checks, chart URLs) runs on virtual time, so throttling worth minutes takes
 * milliseconds and a chart link can be made to expire.
 */
import { createChartRoutes } from '../../src/bot/charts/chart-routes.ts';
import { createChartUrlSigner } from '../../src/bot/charts/chart-url-signer.ts';
import { createCommandRouter } from '../../src/bot/commands/command-router.ts';
import { createGchat } from '../../src/bot/gchat/create-gchat.ts';
import type { GchatEventHandler } from '../../src/bot/gchat/gchat-event-handler.ts';
import type { GchatPlatform } from '../../src/bot/gchat/gchat-platform.ts';
import type { ChatAudience } from '../../src/bot/gchat/gchat-verify.ts';
import type { Route } from '../../src/bot/http/route.ts';
import { createIntake } from '../../src/bot/intake.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { KeyVault } from '../../src/bot/admin/key-vault.ts';
import { createLogger, silentLogger, type Logger } from '../../src/core/logger.ts';
import type { CommandRouter } from '../../src/core/ports/command-router.ts';
import type { Intake } from '../../src/core/ports/intake.ts';
import type { TaskHandler } from '../../src/core/ports/task-handler.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { createChartImageStore } from '../../src/store/chart-image-store.ts';
import { createFeedbackStore } from '../../src/store/feedback-store.ts';
import { createSubscribeFromAnswer } from '../../src/digests/subscribe-from-answer.ts';
import { createStepStore } from '../../src/store/step-store.ts';
import { createSubscriptionStore } from '../../src/store/subscription-store.ts';
import { createTaskStore } from '../../src/store/task-store.ts';
import { createThreadStore } from '../../src/store/thread-store.ts';
import { createWorkspaceStore } from '../../src/store/workspace-store.ts';
import { createTaskRunner } from '../../src/worker/task-runner.ts';
import { createWorker, type Worker } from '../../src/worker/worker.ts';
import { fakeChatAuth } from '../fakes/gchat/chat-api-client.ts';
import { startFakeChatApi, type FakeChatApi } from '../fakes/gchat/fake-chat-api.ts';
import { startFakeGoogleCerts, type FakeGoogleCerts } from '../fakes/gchat/fake-google-certs.ts';
import { createGoogleSigner, projectNumberClaims, type GoogleSigner } from '../fakes/gchat/google-signer.ts';
import type { TestDatabase } from './database.ts';
import { serveRoutes, type RunningRoutes } from './route-server.ts';
import { solidPng } from './png.ts';
import { createVirtualTime } from './virtual-time.ts';

export const PROJECT_NUMBER = '123456789012';
export const PUBLIC_BASE_URL = 'https://kotae.example.test';
export const CHART_TTL_MS = 7 * 24 * 3600_000;

export interface GchatStack {
  url: string;
  api: FakeChatApi;
  certs: FakeGoogleCerts;
  google: GoogleSigner;
  time: ReturnType<typeof createVirtualTime>;
  platform: GchatPlatform;
  handler: GchatEventHandler;
  tasks: ReturnType<typeof createTaskStore>;
  /** A valid Authorization header, as Chat sends for the project-number audience. */
  bearer(): string;
  /** A public URL of ours, on the local server. */
  local(publicUrl: string): string;
  /** POSTs an event to /gchat/events. */
  postEvent(event: unknown, authorization?: string | null): Promise<Response>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface GchatStackOptions {
  db: TestDatabase;
  handler?: TaskHandler;
  audience?: ChatAudience;
  /** The app is configured as a Workspace add-on (GCHAT_ADDON). */
  addon?: boolean;
  workerConcurrency?: number;
  /** Replaces the plain router (help, ask), e.g. with one that has the admin verbs. */
  commands?: (intake: Intake) => CommandRouter;
  /** The LLM key dialog's vault (the admin plane's `keys`). */
  keys?: KeyVault | null;
  /** Where the stack logs (silent unless KOTAE_TEST_LOG). */
  logger?: Logger;
}

/** Steps, then an answer with a table, a chart and the SQL behind it. */
export function scriptedAnswer(png = solidPng(8, 6)): TaskHandler {
  return {
    async run({ task, startStep }) {
      const steps = ['テーブルを探しています', 'SQL を実行しています', 'グラフを作成しています'];
      for (const label of steps) {
        const step = startStep(label);
        await new Promise((resolve) => setTimeout(resolve, 5));
        step.finish();
      }
      const sql =
        'SELECT store_name, SUM(amount) AS sales FROM retail.orders GROUP BY store_name ORDER BY sales DESC LIMIT 10';
      return {
        reply: {
          kind: 'answer',
          locale: task.locale,
          text: `「${task.question}」の答え: 渋谷店が **1.2億円** で1位です。`,
          table: {
            columns: [
              { name: 'store_name', type: 'STRING' },
              { name: 'sales', type: 'INT64' },
            ],
            rows: [
              ['渋谷店', 120_000_000],
              ['梅田店', 98_000_000],
            ],
            totalRows: 2,
            truncated: false,
          },
          chart: {
            spec: { type: 'bar', title: '店舗別売上', x: 'store_name', y: ['sales'], data: [] },
            png,
            altText: '店舗別売上の棒グラフ',
          },
          provenance: { sql: [sql], bytesProcessed: 1_048_576, rows: 2, durationMs: 420 },
          actions: [
            { kind: 'show_sql', taskId: task.id },
            { kind: 'feedback', taskId: task.id, value: 'up' },
            { kind: 'feedback', taskId: task.id, value: 'down' },
          ],
        },
        turn: { sql: [sql], resultSummary: '2 rows' },
      };
    },
  };
}

export async function startGchatStack(options: GchatStackOptions): Promise<GchatStack> {
  const { db } = options;
  const logger =
    options.logger ?? (process.env['KOTAE_TEST_LOG'] ? createLogger({ level: 'warn' }) : silentLogger);
  const time = createVirtualTime(new Date());
  const google = createGoogleSigner();
  const certs = await startFakeGoogleCerts(google);
  const api = await startFakeChatApi({ clock: time.clock });

  const tasks = createTaskStore(db.prisma);
  const workspaces = createWorkspaceStore(db.prisma);
  const charts = createChartImageStore(db.prisma);
  const queue = createMemoryQueue({
    concurrency: options.workerConcurrency ?? 2,
    logger,
    retryDelayMs: () => 20,
  });
  const intake = createIntake({
    tasks,
    workspaces,
    queue,
    clock: systemClock,
    logger,
    options: {
      maxAttempts: 3,
      questionMaxChars: 4000,
      userTasksPerHour: 100,
      defaultLocale: 'ja',
      timeZone: 'Asia/Tokyo',
    },
  });
  const commands = options.commands?.(intake) ?? createCommandRouter({ intake, defaultLocale: 'ja' });

  // Chart URLs carry the public https origin (TLS ends at the load balancer, as in
  // production); tests fetch them from the local server by swapping the origin (`local`).
  const routes: Route[] = [];
  const server: RunningRoutes = await serveRoutes(routes);
  const signer = createChartUrlSigner({
    secret: 'chart-secret-for-tests-0123456789',
    publicBaseUrl: PUBLIC_BASE_URL,
  });
  const gchat = createGchat({
    settings: {
      ...(options.addon ? { addon: true } : {}),
      audience: options.audience ?? { mode: 'project-number', projectNumber: PROJECT_NUMBER },
      apiUrl: api.url,
      certificatesUrl:
        (options.audience?.mode ?? 'project-number') === 'project-number'
          ? certs.chatCertsUrl
          : certs.jwksUrl,
    },
    intake,
    commands,
    tasks,
    feedback: createFeedbackStore(db.prisma),
    subscribe: createSubscribeFromAnswer({
      tasks,
      workspaces,
      subscriptions: createSubscriptionStore(db.prisma),
    }),
    charts,
    signer,
    chartTtlMs: CHART_TTL_MS,
    clock: time.clock,
    logger,
    auth: fakeChatAuth(),
    sleep: time.sleep,
    ...(options.keys ? { keys: options.keys } : {}),
    defaultLocale: 'ja',
  });
  const { platform, handler } = gchat;
  routes.push(
    ...gchat.routes,
    ...createChartRoutes({ charts, signer, clock: time.clock, defaultLocale: 'ja' }),
  );

  let worker: Worker | null = null;
  const taskHandler = options.handler ?? scriptedAnswer();

  return {
    url: server.url,
    api,
    certs,
    google,
    time,
    platform,
    handler,
    tasks,
    local: (publicUrl) => publicUrl.replace(PUBLIC_BASE_URL, server.url),
    bearer: () => `Bearer ${google.sign(projectNumberClaims(PROJECT_NUMBER, new Date()))}`,
    async postEvent(event, authorization) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'Google-Dynamite',
      };
      const auth =
        authorization === undefined
          ? `Bearer ${google.sign(projectNumberClaims(PROJECT_NUMBER, new Date()))}`
          : authorization;
      if (auth !== null) headers['authorization'] = auth;
      return await fetch(`${server.url}/gchat/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify(event),
      });
    },
    async startWorker() {
      const runner = createTaskRunner({
        tasks,
        steps: createStepStore(db.prisma),
        workspaces,
        threads: createThreadStore(db.prisma),
        charts,
        platformFor: () => platform,
        handlerFor: () => taskHandler,
        clock: systemClock,
        logger,
        options: {
          workerId: 'test-worker',
          leaseMs: 30_000,
          historyTurns: 5,
          chartTtlMs: CHART_TTL_MS,
          placeholderWaitMs: 2_000,
        },
      });
      worker = createWorker({ queue, runner, logger, shutdownGraceMs: 1_000 });
      await worker.start();
    },
    async close() {
      await worker?.stop();
      await queue.close();
      await server.close();
      await api.close();
      await certs.close();
    },
  };
}
