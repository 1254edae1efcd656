/**
 * A digest run end to end on both databases: the tick creates the run, the real worker
 * runs the saved SQL through the MCP guard over the demo warehouse, renders the chart and
 * posts a new top-level message. If this broke, a digest would be posted twice, post into
 * an old thread, hide an empty result or a refusal, DM its owner once per retry, or keep
 * failing every morning without pausing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/app/warehouse.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { KotaeError } from '../../src/core/errors.ts';
import type { ReplyContent } from '../../src/core/ports/chat-platform.ts';
import { createSubscriptionStore, type EmptyMode } from '../../src/store/subscription-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import {
  digestTick,
  eventually,
  openDemoWarehouse,
  recordingDirectMessages,
  startDigestWorker,
} from '../support/digest-harness.ts';
import { recordingPlatform } from '../support/recording-platform.ts';

const WEEK_SQL =
  "SELECT sale_date, sum(amount) AS sales FROM retail.sales WHERE sale_date BETWEEN DATE '2026-10-25' AND DATE '2026-10-31' GROUP BY 1 ORDER BY 1";
const EMPTY_SQL =
  "SELECT sale_date, sum(amount) AS sales FROM retail.sales WHERE sale_date > DATE '2030-01-01' GROUP BY 1";
const CHART = { type: 'bar' as const, title: 'Sales this week', x: 'sale_date', y: ['sales'], data: [] };

describe.each(DATABASE_KINDS)('digest runs on %s', (kind) => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let workspaceId: string;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    warehouse = await openDemoWarehouse(db.prisma);
    workspaceId = (await db.prisma.workspace.create({ data: { platform: 'SLACK', externalId: 'T0run' } })).id;
  });
  // Each test ticks every enabled subscription: the previous tests' digests step aside.
  afterEach(async () => {
    await db.prisma.subscription.updateMany({ data: { enabled: false } });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  async function subscribe(channelId: string, sql: string, emptyMode: EmptyMode = 'post') {
    return createSubscriptionStore(db.prisma).create({
      workspaceId,
      thread: { platform: 'slack', workspaceId: 'T0run', channelId, threadId: '' },
      name: 'Sales this week',
      question: 'sales this week',
      sql,
      chartSpec: CHART,
      emptyMode,
      schedule: 'daily 09:00',
      timeZone: 'America/New_York',
      locale: 'en',
      createdBy: 'U0owner',
      createdAt: new Date('2026-03-01T00:00:00Z'),
    });
  }

  async function taskStatuses(subscriptionId: string) {
    const tasks = await db.prisma.task.findMany({ where: { subscriptionId }, orderBy: { createdAt: 'asc' } });
    return tasks.map((task) => task.status);
  }

  async function runsOf(subscriptionId: string) {
    return db.prisma.digestRun.findMany({ where: { subscriptionId }, orderBy: { scheduledFor: 'asc' } });
  }

  it('posts a new top-level message with headline, change, table, chart, SQL button and footer', async () => {
    const id = await subscribe('C0post', WEEK_SQL);
    const chat = recordingPlatform();
    const dms = recordingDirectMessages();
    const clock = createManualClock(new Date('2026-03-06T14:00:20Z'));
    const open = (view: Parameters<Warehouse['open']>[0]) => warehouse.open(view);
    const { worker, queue } = await startDigestWorker({
      prisma: db.prisma,
      platform: chat.platform,
      directMessages: dms,
      openWarehouse: open,
      clock,
    });
    try {
      const tick = digestTick(db.prisma, queue, clock);
      await tick();
      await eventually(async () => (await runsOf(id))[0]?.status === 'posted');
      expect(chat.posts).toHaveLength(1);
      const first = chat.posts[0]!;
      expect(first.thread).toMatchObject({ channelId: 'C0post', threadId: '' });
      const firstRun = (await runsOf(id))[0]!;
      expect(firstRun.headline).toBeGreaterThan(0);
      // The chart goes into the digest's own thread, then the message shows it.
      expect(chat.uploads).toHaveLength(1);
      expect(chat.uploads[0]!.thread.threadId).toBe(firstRun.messageId);
      const shown = chat.updates.at(-1)!.content as ReplyContent;
      expect(shown.reply.chart?.png.byteLength).toBeGreaterThan(1000);
      expect(shown.reply.table?.rows).toHaveLength(7);
      expect(shown.reply.provenance?.sql).toEqual([WEEK_SQL]);
      expect(shown.reply.actions).toEqual([{ kind: 'show_sql', taskId: firstRun.taskId }]);
      expect(shown.reply.text).toContain('**Sales this week**');
      expect(shown.reply.text).toContain('As of Fri, Mar 6, 2026');
      expect(shown.reply.text).toContain('(first digest: nothing to compare)');
      expect(shown.reply.text).toContain('daily 09:00 (America/New_York)');

      // Pretend the first run's number was lower: the next digest shows the rise against it.
      const previous = firstRun.headline! - 1000;
      await db.prisma.digestRun.update({ where: { id: firstRun.id }, data: { headline: previous } });
      clock.set(new Date('2026-03-09T13:00:10Z'));
      await tick();
      await eventually(async () => (await runsOf(id))[1]?.status === 'posted');
      expect(chat.posts).toHaveLength(2);
      const second = (chat.updates.at(-1)!.content as ReplyContent).reply.text;
      const percent = ((1000 / previous) * 100).toFixed(2).replace(/\.?0+$/, '');
      expect(second).toContain(`▲ +1,000 (+${percent}%) since the last digest`);
      expect(second).toContain('As of Mon, Mar 9, 2026');
      expect(dms.sent).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it('skip records an empty run as skipped and posts nothing; post says there is no data, with the date', async () => {
    const skipped = await subscribe('C0skip', EMPTY_SQL, 'skip');
    const posted = await subscribe('C0nodata', EMPTY_SQL, 'post');
    const chat = recordingPlatform();
    const clock = createManualClock(new Date('2026-03-06T14:00:20Z'));
    const { worker, queue } = await startDigestWorker({
      prisma: db.prisma,
      platform: chat.platform,
      directMessages: recordingDirectMessages(),
      openWarehouse: (view) => warehouse.open(view),
      clock,
    });
    try {
      await digestTick(db.prisma, queue, clock)();
      await eventually(async () => (await runsOf(skipped))[0]?.status === 'skipped');
      await eventually(async () => (await runsOf(posted))[0]?.status === 'posted');
      expect(chat.posts.map((post) => post.thread.channelId)).toEqual(['C0nodata']);
      const text = (chat.posts[0]!.content as ReplyContent).reply.text;
      expect(text).toContain('There was no data for Fri, Mar 6, 2026.');
    } finally {
      await worker.stop();
    }
  });

  it('a mapping that no longer allows the tables fails clearly, DMs the owner once, and pauses after 3 runs', async () => {
    const id = await subscribe('C0refused', WEEK_SQL);
    await db.prisma.channelMapping.create({
      data: { workspaceId, channelId: 'C0refused', projectId: '', allowedDatasets: ['hr'] },
    });
    const chat = recordingPlatform();
    const dms = recordingDirectMessages();
    const clock = createManualClock(new Date('2026-03-06T14:00:20Z'));
    const { worker, queue } = await startDigestWorker({
      prisma: db.prisma,
      platform: chat.platform,
      directMessages: dms,
      openWarehouse: (view) => warehouse.open(view),
      clock,
    });
    try {
      const tick = digestTick(db.prisma, queue, clock);
      for (const [i, at] of [
        '2026-03-06T14:00:20Z',
        '2026-03-07T14:00:20Z',
        '2026-03-08T13:00:20Z',
      ].entries()) {
        clock.set(new Date(at));
        await tick();
        await eventually(async () => (await runsOf(id))[i]?.status === 'failed');
        await eventually(async () => (await taskStatuses(id)).filter((s) => s === 'FAILED').length === i + 1);
        expect(dms.sent).toHaveLength(i + 1);
      }
      const runs = await runsOf(id);
      expect(runs.map((run) => run.status)).toEqual(['failed', 'failed', 'failed']);
      expect(runs[0]!.error).toMatch(/no longer allows the tables/);
      expect(dms.sent[0]!.person).toEqual({ platform: 'slack', workspaceId: 'T0run', userId: 'U0owner' });
      expect(dms.sent[0]!.text).toMatch(/could not be delivered.*no longer allows the tables/s);
      const subscription = await db.prisma.subscription.findUniqueOrThrow({ where: { id } });
      expect([subscription.enabled, subscription.pausedReason, subscription.consecutiveFailures]).toEqual([
        false,
        'failures',
        3,
      ]);
      // The only channel message is the pause notice; no digest was posted.
      expect(chat.posts).toHaveLength(1);
      expect((chat.posts[0]!.content as ReplyContent).reply.text).toMatch(
        /failed 3 times in a row and is now paused/,
      );
      clock.set(new Date('2026-03-09T13:00:20Z'));
      expect((await tick()).enqueued).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it('retries within one run and tells the owner once, after the last attempt', async () => {
    const id = await subscribe('C0flaky', WEEK_SQL);
    const chat = recordingPlatform();
    const dms = recordingDirectMessages();
    const clock = createManualClock(new Date('2026-03-06T14:00:20Z'));
    let opened = 0;
    const { worker, queue } = await startDigestWorker({
      prisma: db.prisma,
      platform: chat.platform,
      directMessages: dms,
      openWarehouse: async () => {
        opened += 1;
        throw new KotaeError('warehouse_unavailable', 'The warehouse is down', { retryable: true });
      },
      clock,
    });
    try {
      await digestTick(db.prisma, queue, clock)();
      await eventually(async () => (await taskStatuses(id))[0] === 'FAILED');
      expect(opened).toBe(3);
      expect(await runsOf(id)).toHaveLength(1);
      expect(dms.sent).toHaveLength(1);
      expect(chat.posts).toEqual([]);
      const task = await db.prisma.task.findFirstOrThrow({ where: { subscriptionId: id } });
      expect([task.status, task.attempts]).toEqual(['FAILED', 3]);
    } finally {
      await worker.stop();
    }
  });
});
