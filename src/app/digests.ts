/**
 * Digests in this process: the DIGEST task runner (worker role), the tick, its Cloud
 * Scheduler route (bot role, when an audience is configured) and the embedded timer.
 * The runner uses the process's one warehouse (opened on the first digest if nothing else did).
 */
import type { Config } from '../config/config.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Platform } from '../core/chat-event.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { AdminPolicy } from '../core/ports/admin-policy.ts';
import type { DirectMessages } from '../core/ports/direct-messages.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { VerbHandler } from '../bot/commands/command-router.ts';
import { createDigestAdd } from '../bot/commands/digest-add.ts';
import { createDigestVerbs } from '../bot/commands/digest-verbs.ts';
import type { Intake } from '../core/ports/intake.ts';
import { createConsoleDigestRoutes } from '../bot/console/console-digest-routes.ts';
import { createDigestTickRoute } from '../bot/digest-tick-route.ts';
import { createGoogleIdTokenVerifier } from '../bot/google-id-token-verifier.ts';
import type { Route } from '../bot/http/route.ts';
import { createDigestRunNow } from '../digests/digest-run-now.ts';
import { createDigestRunner, type DigestRunner } from '../digests/digest-runner.ts';
import { createDigestTick, type DigestTickResult } from '../digests/digest-tick.ts';
import { startDigestTimer } from '../digests/digest-timer.ts';
import { createSubscribeFromAnswer } from '../digests/subscribe-from-answer.ts';
import type { AnswerSubscriber } from '../digests/subscribe-form-submit.ts';
import { renderChart } from '../render/chart/render-chart.ts';
import { createDigestRunStore } from '../store/digest-run-store.ts';
import { createSubscriptionStore } from '../store/subscription-store.ts';
import type { Stores } from './stores.ts';
import type { ProcessWarehouse } from './process-warehouse.ts';

export interface DigestsDeps {
  config: Config;
  stores: Stores;
  queue: TaskQueue;
  platformFor: (platform: Platform) => ChatPlatform;
  directMessages: DirectMessages;
  clock: Clock;
  logger: Logger;
  warehouse: ProcessWarehouse;
  workerId: string;
  chartTtlMs: number;
}

export interface Digests {
  tick(): Promise<DigestTickResult>;
  runner: DigestRunner;
  /** The console's Subscribe form, and the tick route when Cloud Scheduler's audience is configured. */
  routes: Route[];
  /** Starts the minute timer when this process should tick; returns its stop (or a no-op). */
  startTimer(): () => Promise<void>;
}

export function createDigests(deps: DigestsDeps): Digests {
  const { config, stores, clock, logger } = deps;
  const settings = config.digests;
  const subscriptions = createSubscriptionStore(stores.db);
  const tick = createDigestTick({
    subscriptions,
    tasks: stores.tasks,
    queue: deps.queue,
    clock,
    lateAfterMs: settings.lateAfterMs,
    maxAttempts: config.tasks.maxAttempts,
    log: { warn: (fields, message) => logger.warn(message, fields as Record<string, unknown>) },
  });
  const runner = createDigestRunner({
    tasks: stores.tasks,
    runs: createDigestRunStore(stores.db),
    subscriptions,
    workspaces: stores.workspaces,
    charts: stores.charts,
    platformFor: deps.platformFor,
    directMessages: deps.directMessages,
    openWarehouse: (view) => deps.warehouse.open(view),
    renderChart,
    clock,
    logger,
    options: { workerId: deps.workerId, leaseMs: config.tasks.leaseMs, chartTtlMs: deps.chartTtlMs },
  });
  const consoleRoutes = createConsoleDigestRoutes({
    subscribe: createAnswerSubscriber(stores),
    clock,
    logger,
    defaultLocale: config.defaultLocale,
  });
  const tickRoutes = settings.tick
    ? [
        createDigestTickRoute({
          verifier: createGoogleIdTokenVerifier({
            audience: settings.tick.audience,
            expectedEmail: settings.tick.serviceAccount,
            ...(settings.tick.certsUrl ? { certsUrl: settings.tick.certsUrl } : {}),
            clock,
          }),
          tick,
          logger,
        }),
      ]
    : [];
  return {
    tick,
    runner,
    routes: [...consoleRoutes, ...tickRoutes],
    startTimer: () => (settings.timer ? startDigestTimer({ tick, logger }) : async () => {}),
  };
}

/** Subscribing from an answer, for every platform's form (console, Slack modal, Chat dialog). */
export function createAnswerSubscriber(stores: Stores): AnswerSubscriber {
  return createSubscribeFromAnswer({
    tasks: stores.tasks,
    workspaces: stores.workspaces,
    subscriptions: createSubscriptionStore(stores.db),
  });
}

/** The `/kotae digest …` verbs for the command router. */
export function createDigestCommandVerbs(deps: {
  config: Config;
  stores: Stores;
  queue: TaskQueue;
  admins: AdminPolicy;
  clock: Clock;
  intake: Intake;
}): Record<string, VerbHandler> {
  const { config, stores, clock } = deps;
  const subscriptions = createSubscriptionStore(stores.db);
  return createDigestVerbs({
    subscriptions,
    runs: createDigestRunStore(stores.db),
    admins: deps.admins,
    clock,
    add: createDigestAdd({ intake: deps.intake, subscribe: createAnswerSubscriber(stores), clock }),
    workspaceIdFor: async (command) =>
      (
        await stores.workspaces.ensure(command.thread.platform, command.thread.workspaceId, {
          locale: config.defaultLocale,
          timeZone: config.timeZone,
        })
      ).id,
    runNow: createDigestRunNow({
      db: stores.db,
      subscriptions,
      tasks: stores.tasks,
      queue: deps.queue,
      clock,
      maxAttempts: config.tasks.maxAttempts,
      waitMs: config.digests.runNowWaitMs,
    }),
  });
}
