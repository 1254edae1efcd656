/**
 * The composition root: builds every part from the configuration and wires them
 * together. `kotae dev` runs all roles in one process; `kotae bot` and `kotae worker`
 * run one each. Tests start it the same way, with fakes only behind vendor URLs.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { KotaeError } from '../core/errors.ts';
import { t } from '../core/i18n/translate.ts';
import type { Logger } from '../core/logger.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { Intake } from '../core/ports/intake.ts';
import type { TaskHandler } from '../core/ports/task-handler.ts';
import type { Platform } from '../core/chat-event.ts';
import { createChartRoutes } from '../bot/charts/chart-routes.ts';
import { createChartUrlSigner } from '../bot/charts/chart-url-signer.ts';
import { createCommandRouter } from '../bot/commands/command-router.ts';
import { createConsoleRoutes } from '../bot/console/console-routes.ts';
import { prepareConsoleFont } from '../bot/console/console-font.ts';
import { createStaticRoutes } from '../bot/console/static-routes.ts';
import { createHttpServer } from '../bot/http/http-server.ts';
import { sendJson } from '../bot/http/http-io.ts';
import type { Route } from '../bot/http/route.ts';
import { createIntake } from '../bot/intake.ts';
import { startTaskRecovery } from '../queue/recover-tasks.ts';
import { createTaskRunner } from '../worker/task-runner.ts';
import { createWorker } from '../worker/worker.ts';
import { createQueue } from './create-queue.ts';
import { chartUrlSecret } from './local-secrets.ts';
import { createChatPlatforms } from './chat-platforms.ts';
import { noLlmHandler } from './no-llm-handler.ts';
import { createQuestionHandler } from './question-handler.ts';
import { openDatabase } from './open-database.ts';
import { createStores, type Stores } from './stores.ts';

export interface KotaeRoles {
  bot: boolean;
  worker: boolean;
}

export interface StartOptions {
  roles: KotaeRoles;
  migrate: boolean;
  logger: Logger;
  clock?: Clock;
  /** Replaces the agent built from the configuration (tests); null means "no LLM configured". */
  questionHandler?: (stores: Stores) => Promise<TaskHandler | null>;
}

export interface Kotae {
  port: number;
  url: string;
  stores: Stores;
  intake: Intake;
  platformFor(platform: Platform): ChatPlatform;
  stop(): Promise<void>;
}

const CHART_TTL_MS = 7 * 24 * 3_600_000;
/** How often recovery sweeps for PENDING tasks and expired leases. */
const RECOVERY_INTERVAL_MS = 30_000;

function hasModels(config: Config): boolean {
  return Boolean(config.models.openai || config.models.gemini);
}

export async function startKotae(config: Config, options: StartOptions): Promise<Kotae> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config, logger, { migrate: options.migrate });
  const stores = createStores(database.db);
  const queue = createQueue(config, logger);
  const signer = createChartUrlSigner({
    secret: chartUrlSecret(config),
    publicBaseUrl: config.server.publicBaseUrl,
  });
  const intake = createIntake({
    tasks: stores.tasks,
    workspaces: stores.workspaces,
    queue,
    clock,
    logger,
    options: {
      maxAttempts: config.tasks.maxAttempts,
      questionMaxChars: config.tasks.questionMaxChars,
      userTasksPerHour: config.tasks.userTasksPerHour,
      defaultLocale: config.defaultLocale,
      timeZone: config.timeZone,
    },
  });
  const commands = createCommandRouter({ intake, defaultLocale: config.defaultLocale });
  const stops: Array<() => Promise<void>> = [];
  /** Who this process is, as a lease owner: recovery tells live leases from dead ones by it. */
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const chat = createChatPlatforms({
    config,
    db: database.db,
    stores,
    intake,
    commands,
    signer,
    chartTtlMs: CHART_TTL_MS,
    clock,
    logger,
  });
  const platformFor = chat.platformFor;

  let questionHandler: TaskHandler | null = null;
  if (options.questionHandler) {
    questionHandler = await options.questionHandler(stores);
  } else if (options.roles.worker) {
    const agent = await createQuestionHandler(config, stores.db, logger, clock);
    if (agent) stops.push(() => agent.close());
    questionHandler = agent?.handler ?? null;
  }
  const llmConfigured = options.questionHandler ? questionHandler !== null : hasModels(config);

  if (options.roles.worker) {
    const runner = createTaskRunner({
      tasks: stores.tasks,
      steps: stores.steps,
      workspaces: stores.workspaces,
      threads: stores.threads,
      charts: stores.charts,
      platformFor,
      handlerFor: (kind) => {
        if (kind === 'QUESTION') return questionHandler ?? noLlmHandler;
        throw new KotaeError('handler_missing', `No handler for ${kind} tasks`);
      },
      clock,
      logger,
      options: {
        workerId: instanceId,
        leaseMs: config.tasks.leaseMs,
        historyTurns: 8,
        chartTtlMs: CHART_TTL_MS,
        placeholderWaitMs: 1_500,
      },
    });
    const worker = createWorker({ queue, runner, logger, shutdownGraceMs: config.tasks.shutdownGraceMs });
    await worker.start();
    stops.push(() => worker.stop());
  }
  // One owner of recovery: the worker of the embedded mode (its queue lives in this
  // process), the bot of the Pub/Sub topology (the scheduler tick).
  const embedded = config.queue.kind === 'memory';
  if (embedded ? options.roles.worker : options.roles.bot) {
    stops.push(
      await startTaskRecovery(
        { tasks: stores.tasks, queue, clock, logger },
        { instanceId, embedded, intervalMs: RECOVERY_INTERVAL_MS, pendingGraceMs: 60_000 },
      ),
    );
  }

  let port = config.server.port;
  if (options.roles.bot) {
    const routes: Route[] = [
      {
        method: 'GET',
        path: '/healthz',
        handle: async (_request, response) => sendJson(response, 200, { ok: true }),
      },
      ...createStaticRoutes(
        config.consoleFont ? { font: prepareConsoleFont({ file: config.consoleFont, logger }) } : {},
      ),
      ...createConsoleRoutes({
        messages: stores.consoleMessages,
        feedback: stores.feedback,
        hub: chat.console.hub,
        intake,
        platform: chat.console.platform,
        render: chat.console.render,
        clock,
        logger,
        llmNotice: (locale) => (llmConfigured ? null : t(locale, 'llm.notConfigured')),
      }),
      ...createChartRoutes({ charts: stores.charts, signer, clock }),
      ...chat.routes,
    ];
    const server = createHttpServer(routes, logger);
    port = (await server.listen(config.server.port, config.server.host)).port;
    stops.push(() => server.close());
    stops.push(...(await chat.startIngress()));
  }

  logger.info('kotae started', { roles: options.roles, port });
  return {
    port,
    url: `http://${config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host}:${port}`,
    stores,
    intake,
    platformFor,
    async stop() {
      // Last started, first stopped: ingress, then the worker, then what the worker uses.
      for (const stop of stops.reverse())
        await stop().catch((error: unknown) => logger.warn('stop failed', { error }));
      await queue.close();
      await database.close();
    },
  };
}
