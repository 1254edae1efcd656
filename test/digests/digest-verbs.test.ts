/**
 * `/kotae digest …` through the real command router, with the real worker delivering
 * `run`. If this broke, a member could remove someone else's digest, `run` could claim a
 * success it did not have, or the list would hide a digest that stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/app/warehouse.ts';
import { createCommandRouter } from '../../src/bot/commands/command-router.ts';
import { createDigestVerbs } from '../../src/bot/commands/digest-verbs.ts';
import type { CommandEvent } from '../../src/core/chat-event.ts';
import { createManualClock } from '../../src/core/clock.ts';
import type { AdminPolicy } from '../../src/core/ports/admin-policy.ts';
import type { Intake } from '../../src/core/ports/intake.ts';
import type { CommandRouter } from '../../src/core/ports/command-router.ts';
import { createDigestRunNow } from '../../src/digests/digest-run-now.ts';
import { createDigestRunStore } from '../../src/store/digest-run-store.ts';
import { createSubscriptionStore } from '../../src/store/subscription-store.ts';
import { createTaskStore } from '../../src/store/task-store.ts';
import type { Worker } from '../../src/worker/worker.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openDemoWarehouse, recordingDirectMessages, startDigestWorker } from '../support/digest-harness.ts';
import { recordingPlatform } from '../support/recording-platform.ts';

const SQL = "SELECT count(*) AS receipts FROM retail.sales WHERE sale_date = DATE '2026-10-31'";
const admins: AdminPolicy = {
  isAdmin: async (person) => person.userId === 'U0admin',
  adminNames: async () => ['@admin'],
};

let db: TestDatabase;
let warehouse: Warehouse;
let worker: Worker;
let router: CommandRouter;
let workspaceId: string;
const chat = recordingPlatform();
const clock = createManualClock(new Date('2026-03-06T10:00:00Z'));

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  warehouse = await openDemoWarehouse(db.prisma);
  workspaceId = (await db.prisma.workspace.create({ data: { platform: 'SLACK', externalId: 'T0cmd' } })).id;
  const started = await startDigestWorker({
    prisma: db.prisma,
    platform: chat.platform,
    directMessages: recordingDirectMessages(),
    openWarehouse: (view) => warehouse.open(view),
    clock,
  });
  worker = started.worker;
  const subscriptions = createSubscriptionStore(db.prisma);
  router = createCommandRouter({
    intake: {} as Intake,
    defaultLocale: 'en',
    extraVerbs: createDigestVerbs({
      subscriptions,
      runs: createDigestRunStore(db.prisma),
      workspaceIdFor: async () => workspaceId,
      admins,
      clock,
      runNow: createDigestRunNow({
        db: db.prisma,
        subscriptions,
        tasks: createTaskStore(db.prisma),
        queue: started.queue,
        clock,
        maxAttempts: 2,
        waitMs: 10_000,
      }),
    }),
  });
});
afterAll(async () => {
  await worker?.stop();
  await warehouse?.close();
  await db?.drop();
});

function command(text: string, userId = 'U0owner', channelId = 'C0cmd'): CommandEvent {
  return {
    thread: { platform: 'slack', workspaceId: 'T0cmd', channelId, threadId: '' },
    userId,
    text,
    locale: 'en',
  };
}

async function subscribe(channelId: string) {
  return createSubscriptionStore(db.prisma).create({
    workspaceId,
    thread: { platform: 'slack', workspaceId: 'T0cmd', channelId, threadId: '' },
    name: 'Receipts',
    question: 'receipts',
    sql: SQL,
    schedule: 'weekdays 09:00',
    timeZone: 'Asia/Tokyo',
    locale: 'en',
    createdBy: 'U0owner',
    createdAt: new Date('2026-03-01T00:00:00Z'),
  });
}

describe('/kotae digest', () => {
  it('lists owner, schedule with zone, next run, last result and failures', async () => {
    expect((await router.handle(command('digest list', 'U0any', 'C0empty'))).reply.text).toMatch(
      /no digests/,
    );
    const id = await subscribe('C0cmd');
    const listed = (await router.handle(command('digest list'))).reply.text;
    expect(listed).toContain(
      `\`${id.slice(0, 8)}\` **Receipts** · owner U0owner · weekdays 09:00 (Asia/Tokyo) · next Mar 9, 09:00 · last none yet · failures 0`,
    );
  });

  it('runs now and reports the real outcome: posted, then failed with the reason', async () => {
    const id = await subscribe('C0run');
    const short = id.slice(0, 8);
    const ran = await router.handle(command(`digest run ${short}`, 'U0member', 'C0run'));
    expect(ran.reply.text).toBe('Sent the digest "Receipts" to this channel.');
    expect(chat.posts.filter((post) => post.thread.channelId === 'C0run')).toHaveLength(1);
    // A manual run does not move the schedule: the next slot is still due.
    const [record] = await createSubscriptionStore(db.prisma).listForChannel(workspaceId, 'C0run');
    expect(record!.lastSlot).toBeNull();

    await db.prisma.channelMapping.create({
      data: { workspaceId, channelId: 'C0run', projectId: '', allowedDatasets: ['hr'] },
    });
    const failed = await router.handle(command(`digest run ${short}`, 'U0member', 'C0run'));
    expect(failed.reply.kind).toBe('error');
    expect(failed.reply.text).toMatch(/The digest "Receipts" failed: .*no longer allows the tables/);
    expect(chat.posts.filter((post) => post.thread.channelId === 'C0run')).toHaveLength(1);
    const listed = (await router.handle(command('digest list', 'U0member', 'C0run'))).reply.text;
    expect(listed).toMatch(/last failed .*no longer allows the tables.* · failures 1/);
  });

  it('lets the owner or an admin pause, resume and remove; refuses others and names the admins', async () => {
    const id = await subscribe('C0manage');
    const short = id.slice(0, 8);
    const refused = await router.handle(command(`digest remove ${short}`, 'U0member', 'C0manage'));
    expect(refused.reply.text).toBe(
      'Only the owner (U0owner) or an admin may change this digest. Admins: @admin',
    );
    expect(await db.prisma.subscription.count({ where: { id } })).toBe(1);

    expect((await router.handle(command(`digest pause ${short}`, 'U0admin', 'C0manage'))).reply.text).toBe(
      'Paused the digest "Receipts".',
    );
    expect((await router.handle(command('digest list', 'U0member', 'C0manage'))).reply.text).toMatch(
      /next — · .* · ⏸ paused/,
    );
    expect(
      (await router.handle(command(`digest resume ${short}`, 'U0owner', 'C0manage'))).reply.text,
    ).toMatch(/^Resumed the digest "Receipts"\. Next run: Mar 9, 09:00\.$/);
    expect((await router.handle(command(`digest remove ${short}`, 'U0owner', 'C0manage'))).reply.text).toBe(
      'Removed the digest "Receipts".',
    );
    expect(await db.prisma.subscription.count({ where: { id } })).toBe(0);
  });

  it('answers bad input with the usage, never an error trace', async () => {
    for (const text of ['digest frobnicate', 'digest pause', 'digest pause !!', 'digest run abcd extra']) {
      const result = await router.handle(command(text));
      expect(result.reply.text).toMatch(
        /^Usage: `\/kotae digest add "<question>" daily 09:00` · `\/kotae digest list`/,
      );
    }
    expect((await router.handle(command('digest pause abcdef12'))).reply.text).toBe(
      'No digest with id "abcdef12" in this channel. See `/kotae digest list`.',
    );
  });
});
