/**
 * Exactly one post per slot, on both databases: two bot processes tick at the same
 * minute, the worker that takes the run is "killed" mid-query (it hangs and its lease
 * expires), recovery hands the task to a second worker, the task is delivered again, and
 * the hung worker finally wakes up. If this broke, a channel would get the same morning
 * digest twice, or none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/app/warehouse.ts';
import { createManualClock } from '../../src/core/clock.ts';
import type { ReplyContent } from '../../src/core/ports/chat-platform.ts';
import { createPrismaClient } from '../../src/store/prisma-client.ts';
import { createSubscriptionStore } from '../../src/store/subscription-store.ts';
import { createTaskStore } from '../../src/store/task-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import {
  digestTick,
  eventually,
  openDemoWarehouse,
  recordingDirectMessages,
  startDigestWorker,
} from '../support/digest-harness.ts';
import { recordingPlatform } from '../support/recording-platform.ts';

const SQL = "SELECT count(*) AS receipts FROM retail.sales WHERE sale_date = DATE '2026-10-31'";

describe.each(DATABASE_KINDS)('one post per slot on %s', (kind) => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    warehouse = await openDemoWarehouse(db.prisma);
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  it('survives concurrent ticks, a worker killed mid-run and a repeated delivery', async () => {
    const workspaceId = (
      await db.prisma.workspace.create({ data: { platform: 'SLACK', externalId: 'T0once' } })
    ).id;
    const id = await createSubscriptionStore(db.prisma).create({
      workspaceId,
      thread: { platform: 'slack', workspaceId: 'T0once', channelId: 'C0once', threadId: '' },
      name: 'Receipts',
      question: 'receipts yesterday',
      sql: SQL,
      schedule: 'daily 09:00',
      timeZone: 'Asia/Tokyo',
      locale: 'ja',
      createdBy: 'U0owner',
      createdAt: new Date('2026-04-01T00:00:00Z'),
    });
    const clock = createManualClock(new Date('2026-04-02T00:00:10Z'));
    const chat = recordingPlatform();
    const dms = recordingDirectMessages();
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    let hungStarted = false;
    // Worker A's query never comes back while the test holds it: the process is as good as dead.
    const a = await startDigestWorker({
      prisma: db.prisma,
      platform: chat.platform,
      directMessages: dms,
      openWarehouse: async (view) => {
        hungStarted = true;
        await woken;
        return warehouse.open(view);
      },
      clock,
    });
    const otherPrisma = createPrismaClient(db.url, { poolSize: db.poolSize });
    const b = await startDigestWorker({
      prisma: otherPrisma,
      platform: chat.platform,
      directMessages: dms,
      openWarehouse: (view) => warehouse.open(view),
      clock,
    });
    try {
      // Two bot processes tick at the same minute; only one publishes (to worker A's queue).
      await Promise.all([digestTick(db.prisma, a.queue, clock)(), digestTick(otherPrisma, a.queue, clock)()]);
      await eventually(() => hungStarted);
      const [task] = await db.prisma.task.findMany({ where: { subscriptionId: id } });
      expect(task?.status).toBe('RUNNING');

      // The lease runs out; recovery finds the task and gives it to worker B, twice over.
      clock.advance(601_000);
      const recoverable = await createTaskStore(otherPrisma).findRecoverable(clock.now());
      expect(recoverable).toContain(task!.id);
      await Promise.all([b.queue.publish(task!.id), b.queue.publish(task!.id)]);
      await eventually(
        async () =>
          (await db.prisma.digestRun.findFirst({ where: { subscriptionId: id } }))?.status === 'posted',
      );

      // Worker A wakes up: it has lost the lease, so it posts nothing.
      wake();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await b.queue.publish(task!.id);
      await eventually(
        async () =>
          (await db.prisma.task.findUniqueOrThrow({ where: { id: task!.id } })).status === 'COMPLETED',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(chat.posts).toHaveLength(1);
      expect(chat.posts[0]!.thread).toMatchObject({ channelId: 'C0once', threadId: '' });
      expect((chat.posts[0]!.content as ReplyContent).reply.text).toContain('**Receipts**');
      const runs = await db.prisma.digestRun.findMany({ where: { subscriptionId: id } });
      expect(runs.map((run) => [run.status, run.messageId])).toEqual([['posted', 'msg-1']]);
      expect(dms.sent).toEqual([]);
    } finally {
      wake();
      await a.worker.stop();
      await b.worker.stop();
      await otherPrisma.$disconnect();
    }
  });
});
