/**
 * The tick on both databases. If this broke, a channel would get the same morning digest
 * twice when two bot instances tick at the same minute, a digest missed during an outage
 * would be posted once per missed day, or a restarted tick would post a slot again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.ts';
import type { TaskQueue } from '../../src/core/ports/task-queue.ts';
import { createDigestTick } from '../../src/digests/digest-tick.ts';
import { createPrismaClient } from '../../src/store/prisma-client.ts';
import { createSubscriptionStore } from '../../src/store/subscription-store.ts';
import { createTaskStore } from '../../src/store/task-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';

function recordingQueue(): TaskQueue & { published: string[] } {
  const published: string[] = [];
  return {
    published,
    publish: async (taskId) => {
      published.push(taskId);
    },
    consume: () => Promise.reject(new Error('the tick only publishes')),
    close: async () => {},
  };
}

describe.each(DATABASE_KINDS)('digest tick on %s', (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    workspaceId = (await db.prisma.workspace.create({ data: { platform: 'SLACK', externalId: 'T0tick' } }))
      .id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function subscribe(channelId: string, schedule: string, timeZone: string, createdAt: Date) {
    return createSubscriptionStore(db.prisma).create({
      workspaceId,
      thread: { platform: 'slack', workspaceId: 'T0tick', channelId, threadId: '' },
      name: 'Yesterday sales',
      question: 'yesterday sales',
      sql: 'SELECT 1 AS sales',
      schedule,
      timeZone,
      locale: 'en',
      createdBy: 'U0owner',
      createdAt,
    });
  }

  it('creates one run, one task and one publish per slot when two processes tick at once', async () => {
    const id = await subscribe(
      'C0twice',
      'daily 09:00',
      'America/New_York',
      new Date('2026-03-01T00:00:00Z'),
    );
    const clock = createManualClock(new Date('2026-03-06T14:00:20Z'));
    // A second Prisma client stands for the second bot process's own connection pool.
    const other = createPrismaClient(db.url, { poolSize: db.poolSize });
    const queues = [recordingQueue(), recordingQueue()];
    const ticks = [db.prisma, other].map((prisma, i) =>
      createDigestTick({
        subscriptions: createSubscriptionStore(prisma),
        tasks: createTaskStore(prisma),
        queue: queues[i]!,
        clock,
        lateAfterMs: 5 * 60_000,
        maxAttempts: 3,
      }),
    );
    try {
      await Promise.all([ticks[0]!(), ticks[1]!(), ticks[0]!(), ticks[1]!()]);
      const runs = await db.prisma.digestRun.findMany({ where: { subscriptionId: id } });
      expect(runs.map((run) => run.scheduledFor.toISOString())).toEqual(['2026-03-06T14:00:00.000Z']);
      const tasks = await db.prisma.task.findMany({ where: { subscriptionId: id } });
      expect(tasks.map((task) => [task.kind, task.channelId, task.threadId])).toEqual([
        ['DIGEST', 'C0twice', ''],
      ]);
      expect([...queues[0]!.published, ...queues[1]!.published]).toEqual([tasks[0]!.id]);
      expect(runs[0]!.taskId).toBe(tasks[0]!.id);
      expect(runs[0]!.summary).toEqual({ late: false });

      // After the March change the slot is 13:00 UTC, still 09:00 local; the two days
      // between (no tick ran) collapse into this one run.
      clock.set(new Date('2026-03-09T13:00:05Z'));
      await Promise.all([ticks[0]!(), ticks[1]!()]);
      const after = await db.prisma.digestRun.findMany({
        where: { subscriptionId: id },
        orderBy: { scheduledFor: 'asc' },
      });
      expect(after.map((run) => [run.scheduledFor.toISOString(), run.summary])).toEqual([
        ['2026-03-06T14:00:00.000Z', { late: false }],
        ['2026-03-09T13:00:00.000Z', { late: false }],
      ]);
    } finally {
      await other.$disconnect();
    }
  });

  it('sends a digest missed during an outage once, marked late, and nothing before its slot', async () => {
    const id = await subscribe('C0late', 'daily 09:00', 'Asia/Tokyo', new Date('2026-04-01T03:00:00Z'));
    const queue = recordingQueue();
    const clock = createManualClock(new Date('2026-04-01T23:59:00Z'));
    const tick = createDigestTick({
      subscriptions: createSubscriptionStore(db.prisma),
      tasks: createTaskStore(db.prisma),
      queue,
      clock,
      lateAfterMs: 5 * 60_000,
      maxAttempts: 3,
    });
    const runsOf = async () =>
      (await db.prisma.digestRun.findMany({ where: { subscriptionId: id } })).map((run) => [
        run.scheduledFor.toISOString(),
        run.summary,
      ]);
    await tick();
    expect(await runsOf()).toEqual([]);
    clock.set(new Date('2026-04-05T02:00:00Z'));
    await tick();
    await tick();
    expect(await runsOf()).toEqual([['2026-04-05T00:00:00.000Z', { late: true }]]);
    const task = await db.prisma.task.findFirstOrThrow({ where: { subscriptionId: id } });
    expect(queue.published.filter((taskId) => taskId === task.id)).toHaveLength(1);
  });

  it('skips a paused subscription and one whose stored schedule no longer reads', async () => {
    const paused = await subscribe('C0paused', 'daily 09:00', 'Asia/Tokyo', new Date('2026-05-01T00:00:00Z'));
    await db.prisma.subscription.update({ where: { id: paused }, data: { enabled: false } });
    const broken = await subscribe('C0broken', 'hourly', 'Asia/Tokyo', new Date('2026-05-01T00:00:00Z'));
    const queue = recordingQueue();
    const tick = createDigestTick({
      subscriptions: createSubscriptionStore(db.prisma),
      tasks: createTaskStore(db.prisma),
      queue,
      clock: createManualClock(new Date('2026-05-02T00:00:30Z')),
      lateAfterMs: 5 * 60_000,
      maxAttempts: 3,
    });
    const result = await tick();
    expect(result.broken).toBe(1);
    expect(await db.prisma.digestRun.count({ where: { subscriptionId: { in: [paused, broken] } } })).toBe(0);
  });
});
