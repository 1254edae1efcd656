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
import type { AdminPolicy } from '../core/ports/admin-policy.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { Intake } from '../core/ports/intake.ts';
import type { TaskHandler } from '../core/ports/task-handler.ts';
import type { Platform } from '../core/chat-event.ts';
import { createChartRoutes } from '../bot/charts/chart-routes.ts';
import { createChartUrlSigner } from '../bot/charts/chart-url-signer.ts';
import { createCommandRouter } from '../bot/commands/command-router.ts';
import { createConsoleKeysRoute } from '../bot/console/console-keys-route.ts';
import { createConsoleRoutes } from '../bot/console/console-routes.ts';
import { consoleAccess } from './console-access.ts';
import { describeConsoleAccess, guardConsoleRoutes } from '../bot/console/console-verify.ts';
import { prepareConsoleFont } from '../bot/console/console-font.ts';
import { createStaticRoutes } from '../bot/console/static-routes.ts';
import { createHttpServer } from '../bot/http/http-server.ts';
import type { Route } from '../bot/http/route.ts';
import { createIntake } from '../bot/intake.ts';
import { startTaskRecovery } from '../queue/recover-tasks.ts';
import { createTaskRunner } from '../worker/task-runner.ts';
import { createWorker } from '../worker/worker.ts';
import { createQueue } from './create-queue.ts';
import { createPushWorker, pushVerifier } from './pubsub-push.ts';
import { chartUrlSecret } from './local-secrets.ts';
import { createAdminPlane } from './admin-plane.ts';
import { createChatPlatforms } from './chat-platforms.ts';
import { createAnswerSubscriber, createDigestCommandVerbs, createDigests } from './digests.ts';
import { noLlmHandler } from './no-llm-handler.ts';
import { createProcessWarehouse } from './process-warehouse.ts';
import { createQuestionHandler } from './question-handler.ts';
import { createWarehouse } from './warehouse.ts';
import { openDatabase } from './open-database.ts';
import { createStores, type Stores } from './stores.ts';
import { meteredPlatform } from './metered-platform.ts';
import { createObservability, warehouseCheck } from './observability.ts';
import { meteredHandler, meteredTaskStore } from '../worker/task-metrics.ts';
import { noTracer, type Tracer } from '../core/ports/tracer.ts';
import { tracedQueue, tracedRunner, tracedTaskCreation } from './traced-handoff.ts';
import { createBudgetVerbs } from './budget-verbs.ts';
import { startRetentionJob } from './retention-job.ts';

export interface KotaeRoles {
  bot: boolean;
  worker: boolean;
}

export interface StartOptions {
  roles: KotaeRoles;
  migrate: boolean;
  logger: Logger;
  clock?: Clock;
  /** Spans (src/app/telemetry/tracing.ts); default: none. */
  tracer?: Tracer;
  /** Replaces the agent built from the configuration (tests); null means "no LLM configured". */
  questionHandler?: (stores: Stores) => Promise<TaskHandler | null>;
  /**
   * How the console is served: `open` for `kotae dev` and tests (the default), `configured`
   * for `kotae bot` (behind IAP with KOTAE_CONSOLE=iap, otherwise absent).
   */
  console?: 'open' | 'configured';
  /** Who may change settings; default: the admin plane's policy. */
  adminPolicy?: AdminPolicy;
}

export interface Kotae {
  port: number;
  url: string;
  stores: Stores;
  intake: Intake;
  /** Who is an admin: inject into any verb that needs one. */
  adminPolicy: AdminPolicy;
  platformFor(platform: Platform): ChatPlatform;
  stop(): Promise<void>;
}

function hasModels(config: Config): boolean {
  return Boolean(config.models.openai || config.models.gemini);
}

export async function startKotae(config: Config, options: StartOptions): Promise<Kotae> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const tracer = options.tracer ?? noTracer;
  const database = await openDatabase(config, logger, { migrate: options.migrate });
  const stores = createStores(database.db);
  const queue = tracedQueue(createQueue(config, logger), tracer);
  const observability = createObservability({
    db: database.db,
    queue,
    logger,
    defaultLocale: config.defaultLocale,
  });
  const { metrics } = observability;
  const signer = createChartUrlSigner({
    secret: chartUrlSecret(config),
    publicBaseUrl: config.server.publicBaseUrl,
  });
  const intake = createIntake({
    tasks: tracedTaskCreation(stores.tasks, tracer),
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
  const admin = createAdminPlane(config, stores);
  const adminPolicy = options.adminPolicy ?? admin.policy;
  const budgetVerbs = createBudgetVerbs({
    config,
    db: database.db,
    workspaces: stores.workspaces,
    adminPolicy,
    clock,
    charts: { store: stores.charts, signer, ttlMs: config.tasks.chartTtlMs },
  });
  const digestVerbs = createDigestCommandVerbs({
    config,
    stores,
    queue,
    admins: adminPolicy,
    clock,
    intake,
  });
  const commands = createCommandRouter({
    intake,
    defaultLocale: config.defaultLocale,
    extraVerbs: { ...admin.verbs, ...budgetVerbs, ...digestVerbs },
  });
  const stops: Array<() => Promise<void>> = [() => admin.close()];
  /** Who this process is, as a lease owner: recovery tells live leases from dead ones by it. */
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const chat = createChatPlatforms({
    config,
    pushVerifier: pushVerifier(config, clock),
    db: database.db,
    stores,
    intake,
    commands,
    keys: admin.keys,
    subscribe: createAnswerSubscriber(stores),
    signer,
    chartTtlMs: config.tasks.chartTtlMs,
    clock,
    logger,
    onRateLimited: (platform) => metrics.platformRateLimited({ platform }),
  });
  const platformFor = (platform: Platform) => meteredPlatform(chat.platformFor(platform), platform, metrics);
  if (chat.slackUserRoles) admin.useSlackRoles(chat.slackUserRoles);
  const warehouse = createProcessWarehouse(() =>
    createWarehouse(config, stores.db, logger, { metrics, clock }),
  );
  stops.push(() => warehouse.close());
  const digests = createDigests({
    config,
    stores,
    queue,
    platformFor,
    directMessages: chat.directMessages,
    clock,
    logger,
    warehouse,
    workerId: instanceId,
    chartTtlMs: config.tasks.chartTtlMs,
  });

  const push = pushVerifier(config, clock);
  const workerRoutes: Route[] = [];
  let questionHandler: TaskHandler | null = null;
  if (options.questionHandler) {
    questionHandler = await options.questionHandler(stores);
  } else if (options.roles.worker) {
    const agent = await createQuestionHandler(config, stores.db, warehouse, logger, clock, metrics, tracer);
    if (agent) stops.push(() => agent.close());
    if (agent) observability.addCheck(warehouseCheck(agent.check));
    questionHandler = agent?.handler ?? null;
  }
  const llmConfigured = options.questionHandler ? questionHandler !== null : hasModels(config);

  if (options.roles.worker) {
    const runner = createTaskRunner({
      tasks: meteredTaskStore(stores.tasks, metrics, clock),
      steps: stores.steps,
      workspaces: stores.workspaces,
      threads: stores.threads,
      charts: stores.charts,
      platformFor,
      handlerFor: (kind) => {
        if (kind === 'QUESTION') return meteredHandler(questionHandler ?? noLlmHandler, metrics);
        throw new KotaeError('handler_missing', `No handler for ${kind} tasks`);
      },
      digests: digests.runner,
      clock,
      logger,
      options: {
        workerId: instanceId,
        leaseMs: config.tasks.leaseMs,
        historyTurns: config.tasks.historyTurns,
        chartTtlMs: config.tasks.chartTtlMs,
        placeholderWaitMs: config.tasks.placeholderWaitMs,
      },
    });
    if (push && config.queue.kind === 'pubsub') {
      // The worker on push: Pub/Sub POSTs each task to /pubsub/push/tasks; nothing is pulled.
      const pushWorker = createPushWorker({
        config,
        verifier: push,
        runner: tracedRunner(runner, stores.tasks, tracer),
        tasks: stores.tasks,
        workerId: instanceId,
        clock,
        logger,
      });
      workerRoutes.push(...pushWorker.routes);
      stops.push(() => pushWorker.stop());
    } else {
      const worker = createWorker({
        queue,
        runner: tracedRunner(runner, stores.tasks, tracer),
        logger,
        shutdownGraceMs: config.tasks.shutdownGraceMs,
      });
      await worker.start();
      stops.push(() => worker.stop());
    }
    const retention = startRetentionJob({
      db: database.db,
      clock,
      retentionDays: config.usage.retentionDays,
      timeZone: config.timeZone,
      logger,
    });
    stops.push(async () => retention.stop());
  }
  // One owner of recovery: the worker of the embedded mode (its queue lives in this
  // process), the bot of the Pub/Sub topology (the scheduler tick).
  const embedded = config.queue.kind === 'memory';
  if (embedded ? options.roles.worker : options.roles.bot) {
    stops.push(
      await startTaskRecovery(
        { tasks: stores.tasks, queue, clock, logger },
        {
          instanceId,
          embedded,
          intervalMs: config.tasks.recoveryIntervalMs,
          pendingGraceMs: config.tasks.recoveryPendingGraceMs,
        },
      ),
    );
  }

  let port: number;
  if (options.roles.bot) {
    const access = consoleAccess(config, options.console ?? 'open');
    logger.info(describeConsoleAccess(access), { console: access.mode });
    const routes: Route[] = [
      ...observability.routes(),
      ...guardConsoleRoutes(
        [
          ...createStaticRoutes({
            defaultLocale: config.defaultLocale,
            ...(config.console.font
              ? { font: prepareConsoleFont({ file: config.console.font, logger }) }
              : {}),
          }),
          ...createConsoleRoutes({
            messages: stores.consoleMessages,
            feedback: stores.feedback,
            hub: chat.console.hub,
            intake,
            commands,
            platform: chat.console.platform,
            render: chat.console.render,
            clock,
            logger,
            llmNotice: (locale) => (llmConfigured ? null : t(locale, 'llm.notConfigured')),
            defaultLocale: config.defaultLocale,
          }),
        ],
        access,
        logger,
      ),
      ...guardConsoleRoutes([createConsoleKeysRoute(admin.keys)], access, logger),
      ...createChartRoutes({ charts: stores.charts, signer, clock, defaultLocale: config.defaultLocale }),
      ...chat.routes,
      ...workerRoutes,
      ...digests.routes,
    ];
    const server = createHttpServer(routes, logger, {
      defaultLocale: config.defaultLocale,
      observe: metrics.httpRequest,
      onRoute: (method, route) => tracer.nameActive(`${method} ${route}`, { 'http.route': route }),
    });
    port = (await server.listen(config.server.port, config.server.host)).port;
    stops.push(() => server.close());
    stops.push(...(await chat.startIngress()));
    stops.push(digests.startTimer());
  } else {
    // The worker alone: /healthz, /readyz and /metrics on PORT (Cloud Run's probes and the
    // Managed Prometheus sidecar reach it there), and on push its task endpoint.
    const served = await observability.serve(config.server.port, config.server.host, workerRoutes);
    port = served.port;
    stops.push(served.stop);
  }

  logger.info('kotae started', { roles: options.roles, port });
  return {
    port,
    url: `http://${config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host}:${port}`,
    stores,
    intake,
    adminPolicy: admin.policy,
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
