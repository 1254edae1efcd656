/**
 * Digests on a test database with the real parts: the tick, the worker (task runner with
 * the digest runner), the warehouse built from configuration over the DuckDB demo estate
 * (so the MCP guard and the channel's mapping apply), the chart renderer. Only the chat
 * platform and the DM sender record instead of sending.
 */
import { randomUUID } from 'node:crypto';
import type { OpenWarehouse } from '../../src/core/ports/warehouse-connection.ts';
import { createWarehouse, type Warehouse } from '../../src/app/warehouse.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Clock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Person } from '../../src/core/ports/admin-policy.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import type { DirectMessages } from '../../src/core/ports/direct-messages.ts';
import type { TaskQueue } from '../../src/core/ports/task-queue.ts';
import { createDigestRunner } from '../../src/digests/digest-runner.ts';
import { createDigestTick } from '../../src/digests/digest-tick.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { renderChart } from '../../src/render/chart/render-chart.ts';
import { createChartImageStore } from '../../src/store/chart-image-store.ts';
import { createDigestRunStore } from '../../src/store/digest-run-store.ts';
import type { Database } from '../../src/store/prisma-client.ts';
import { createStepStore } from '../../src/store/step-store.ts';
import { createSubscriptionStore } from '../../src/store/subscription-store.ts';
import { createTaskStore } from '../../src/store/task-store.ts';
import { createThreadStore } from '../../src/store/thread-store.ts';
import { createWorkspaceStore } from '../../src/store/workspace-store.ts';
import { createTaskRunner } from '../../src/worker/task-runner.ts';
import { createWorker, type Worker } from '../../src/worker/worker.ts';
import { sharedDemoPath } from './demo-warehouse.ts';

export function recordingDirectMessages(): DirectMessages & {
  sent: Array<{ person: Person; text: string }>;
} {
  const sent: Array<{ person: Person; text: string }> = [];
  return {
    sent,
    send: async (person, text) => {
      sent.push({ person, text });
    },
  };
}

export async function openDemoWarehouse(prisma: Database): Promise<Warehouse> {
  const config = loadConfig({ DUCKDB_PATH: await sharedDemoPath() });
  return await createWarehouse(config, prisma, silentLogger);
}

export interface DigestWorkerOptions {
  prisma: Database;
  platform: ChatPlatform;
  directMessages: DirectMessages;
  openWarehouse: OpenWarehouse;
  clock: Clock;
  queue?: TaskQueue;
  maxAttempts?: number;
}

/** A worker consuming its own in-process queue (returned), running DIGEST tasks. */
export async function startDigestWorker(options: DigestWorkerOptions): Promise<{
  worker: Worker;
  queue: TaskQueue;
}> {
  const { prisma, clock } = options;
  const workerId = `digest-worker-${randomUUID().slice(0, 8)}`;
  const tasks = createTaskStore(prisma);
  const digests = createDigestRunner({
    tasks,
    runs: createDigestRunStore(prisma),
    subscriptions: createSubscriptionStore(prisma),
    workspaces: createWorkspaceStore(prisma),
    charts: createChartImageStore(prisma),
    platformFor: () => options.platform,
    directMessages: options.directMessages,
    openWarehouse: options.openWarehouse,
    renderChart,
    clock,
    logger: silentLogger,
    options: { workerId, leaseMs: 600_000, chartTtlMs: 3_600_000 },
  });
  const runner = createTaskRunner({
    tasks,
    steps: createStepStore(prisma),
    workspaces: createWorkspaceStore(prisma),
    threads: createThreadStore(prisma),
    charts: createChartImageStore(prisma),
    platformFor: () => options.platform,
    handlerFor: () => {
      throw new Error('only digests here');
    },
    digests,
    clock,
    logger: silentLogger,
    options: { workerId, leaseMs: 600_000, historyTurns: 5, chartTtlMs: 3_600_000, placeholderWaitMs: 200 },
  });
  const queue =
    options.queue ?? createMemoryQueue({ concurrency: 4, logger: silentLogger, retryDelayMs: () => 5 });
  const worker = createWorker({ queue, runner, logger: silentLogger, shutdownGraceMs: 2_000 });
  await worker.start();
  return { worker, queue };
}

export function digestTick(prisma: Database, queue: TaskQueue, clock: Clock, maxAttempts = 3) {
  return createDigestTick({
    subscriptions: createSubscriptionStore(prisma),
    tasks: createTaskStore(prisma),
    queue,
    clock,
    lateAfterMs: 5 * 60_000,
    maxAttempts,
  });
}

/** Resolves when `check` returns true (polling), or rejects after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
