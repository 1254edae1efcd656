/**
 * The real worker (claim → placeholder → handler → stored answer → delivery) on a test
 * database, answering through whichever chat platform the test gives it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/core/clock.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import type { TaskHandler } from '../../src/core/ports/task-handler.ts';
import type { TaskQueue } from '../../src/core/ports/task-queue.ts';
import { createChartImageStore } from '../../src/store/chart-image-store.ts';
import type { Database } from '../../src/store/prisma-client.ts';
import { createStepStore } from '../../src/store/step-store.ts';
import { createTaskStore } from '../../src/store/task-store.ts';
import { createThreadStore } from '../../src/store/thread-store.ts';
import { createWorkspaceStore } from '../../src/store/workspace-store.ts';
import { createTaskRunner } from '../../src/worker/task-runner.ts';
import { createWorker, type Worker } from '../../src/worker/worker.ts';

export async function startTestWorker(deps: {
  prisma: Database;
  queue: TaskQueue;
  platform: ChatPlatform;
  handler: TaskHandler;
  clock: Clock;
  logger?: Logger;
}): Promise<Worker> {
  const logger = deps.logger ?? silentLogger;
  const runner = createTaskRunner({
    tasks: createTaskStore(deps.prisma),
    steps: createStepStore(deps.prisma),
    workspaces: createWorkspaceStore(deps.prisma),
    threads: createThreadStore(deps.prisma),
    charts: createChartImageStore(deps.prisma),
    platformFor: () => deps.platform,
    handlerFor: () => deps.handler,
    clock: deps.clock,
    logger,
    options: {
      workerId: `test-worker-${randomUUID().slice(0, 8)}`,
      // Long: the tests move the manual clock by whole seconds to drive throttling.
      leaseMs: 600_000,
      historyTurns: 5,
      chartTtlMs: 3_600_000,
      // Short: the in-process queue hands the task to the worker before intake posts its placeholder.
      placeholderWaitMs: 200,
    },
  });
  const worker = createWorker({ queue: deps.queue, runner, logger, shutdownGraceMs: 5_000 });
  await worker.start();
  return worker;
}
