/**
 * Pub/Sub push, wired: the verifier for push tokens and, for a worker on push, the
 * executor and its route. Push is on when PUBSUB_PUSH_AUDIENCE and
 * PUBSUB_PUSH_SERVICE_ACCOUNT are set; the worker then serves POST /pubsub/push/tasks
 * instead of pulling.
 */
import type { Config } from '../config/config.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { createGoogleIdTokenVerifier, type GoogleIdTokenVerifier } from '../bot/google-id-token-verifier.ts';
import type { Route } from '../bot/http/route.ts';
import { createPushTaskRoute } from '../bot/pubsub/push-task-route.ts';
import type { TaskReader } from '../core/ports/task-reader.ts';
import { createPushExecutor } from '../worker/push-executor.ts';
import type { TaskRunner } from '../worker/task-runner.ts';

export function pushVerifier(config: Config, clock: Clock): GoogleIdTokenVerifier | undefined {
  if (!config.push) return undefined;
  return createGoogleIdTokenVerifier({
    audience: config.push.audience,
    expectedEmail: config.push.serviceAccount,
    ...(config.push.certsUrl ? { certsUrl: config.push.certsUrl } : {}),
    clock,
  });
}

/** How long a push request may be held: well inside the ack deadline. */
export function handoffMs(ackDeadlineSeconds: number): number {
  const ackMs = ackDeadlineSeconds * 1000;
  return Math.max(1_000, ackMs - Math.min(10_000, ackMs / 2));
}

export function createPushWorker(deps: {
  config: Config;
  verifier: GoogleIdTokenVerifier;
  runner: TaskRunner;
  tasks: TaskReader;
  workerId: string;
  clock: Clock;
  logger: Logger;
}): { routes: Route[]; stop(): Promise<void> } {
  const { config } = deps;
  const executor = createPushExecutor({
    runner: deps.runner,
    tasks: deps.tasks,
    workerId: deps.workerId,
    concurrency: config.tasks.workerConcurrency,
    handoffMs: handoffMs(config.push?.ackDeadlineSeconds ?? 60),
    shutdownGraceMs: config.tasks.shutdownGraceMs,
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    routes: [
      createPushTaskRoute({ verifier: deps.verifier, run: (id) => executor.run(id), logger: deps.logger }),
    ],
    stop: () => executor.stop(),
  };
}
