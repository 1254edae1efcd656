/**
 * Task recovery, the one path every topology uses. If this breaks, a question whose worker
 * died stays "Working on it…" forever (nothing re-queues it), or a restarted `kotae dev`
 * makes its users wait a whole lease before their answer resumes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/app/stores.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { startTaskRecovery } from '../../src/queue/recover-tasks.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/test-kotae.ts';

const LEASE_MS = 60_000;

describe.each(DATABASE_KINDS)('task recovery on %s', (kind) => {
  let db: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    stores = createStores(db.prisma);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function newTask(key: string): Promise<string> {
    const workspace = await stores.workspaces.ensure('console', 'local', { locale: 'en', timeZone: 'UTC' });
    const { task } = await stores.tasks.create({
      kind: 'QUESTION',
      idempotencyKey: `${kind}-${key}`,
      workspaceId: workspace.id,
      thread: { platform: 'console', workspaceId: 'local', channelId: 'general', threadId: key },
      userId: 'U1',
      question: 'Sales last week?',
      locale: 'en',
      timeZone: 'UTC',
      maxAttempts: 3,
    });
    return task.id;
  }

  function recordingQueue() {
    const delivered: string[] = [];
    const queue = createMemoryQueue({ concurrency: 4, logger: silentLogger });
    void queue.consume(async ({ taskId }) => {
      delivered.push(taskId);
    });
    return { queue, delivered };
  }

  it('takes back at start-up, at once, the running tasks of a dead instance, attempt counted', async () => {
    const dead = await newTask('embedded-dead');
    const mine = await newTask('embedded-mine');
    const waiting = await newTask('embedded-pending');
    const clock = createManualClock(new Date(Date.now() + 1_000));
    await stores.tasks.claim(dead, 'host:111:dead', LEASE_MS, clock.now());
    await stores.tasks.claim(mine, 'host:222:live', LEASE_MS, clock.now());
    const { queue, delivered } = recordingQueue();

    const stop = await startTaskRecovery(
      { tasks: stores.tasks, queue, clock, logger: silentLogger },
      { instanceId: 'host:222:live', embedded: true, intervalMs: 60_000, pendingGraceMs: 60_000 },
    );
    try {
      // The dead instance's lease has 60 s to run, yet its task is free now.
      expect(await stores.tasks.get(dead)).toMatchObject({
        status: 'PENDING',
        attempts: 1,
        leaseOwner: null,
      });
      expect(await stores.tasks.get(mine)).toMatchObject({ status: 'RUNNING', leaseOwner: 'host:222:live' });
      await eventually(async () => delivered.length === 2);
      expect(delivered.sort()).toEqual([dead, waiting].sort());
      // Claimed again, the dead run counts as an attempt.
      expect(await stores.tasks.claim(dead, 'host:222:live', LEASE_MS, clock.now())).toMatchObject({
        attempts: 2,
      });
    } finally {
      await stop();
      await queue.close();
    }
  });

  it('re-queues expired leases on the periodic sweep, and leaves live ones alone', async () => {
    const clock = createManualClock(new Date(Date.now() + 3_600_000));
    const expired = await newTask('sweep-expired');
    const live = await newTask('sweep-live');
    await stores.tasks.claim(expired, 'worker-a', LEASE_MS, new Date(clock.now().getTime() - 2 * LEASE_MS));
    await stores.tasks.claim(live, 'worker-b', LEASE_MS, clock.now());
    const { queue, delivered } = recordingQueue();

    // Not embedded (Pub/Sub topology): no start-up reclaim, only the sweep.
    const stop = await startTaskRecovery(
      { tasks: stores.tasks, queue, clock, logger: silentLogger },
      { instanceId: 'bot-1', embedded: false, intervalMs: 20, pendingGraceMs: 0 },
    );
    try {
      await eventually(async () => delivered.includes(expired));
      expect(delivered).not.toContain(live);
      expect(await stores.tasks.get(live)).toMatchObject({ status: 'RUNNING', leaseOwner: 'worker-b' });
    } finally {
      await stop();
      await queue.close();
    }
  });
});

describe('in-process queue', () => {
  it('holds a task id once however often the sweep publishes it while it waits', async () => {
    const queue = createMemoryQueue({ concurrency: 1, logger: silentLogger });
    const delivered: string[] = [];
    for (let i = 0; i < 3; i += 1) await queue.publish('task-a');
    await queue.publish('task-b');
    const consumer = await queue.consume(async ({ taskId }) => {
      delivered.push(taskId);
    });
    await eventually(async () => delivered.length === 2);
    // Once delivered, it may be queued again (a later retry or re-queue).
    await queue.publish('task-a');
    await eventually(async () => delivered.length === 3);
    expect(delivered).toEqual(['task-a', 'task-b', 'task-a']);
    await consumer.stop();
    await queue.close();
  });
});
