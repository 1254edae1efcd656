/**
 * `/kotae limits` through the one command router, on PostgreSQL. If this breaks, a
 * non-admin could lift #marketing's budget, a typo could silently save a wrong limit, or
 * the per-person question limit an admin set would not be the one intake enforces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/app/stores.ts';
import { createCommandRouter } from '../../src/bot/commands/command-router.ts';
import { createLimitsVerb } from '../../src/bot/commands/limits-verb.ts';
import { createIntake } from '../../src/bot/intake.ts';
import type { CommandEvent } from '../../src/core/chat-event.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { AdminPolicy } from '../../src/core/ports/admin-policy.ts';
import type { CommandRouter } from '../../src/core/ports/command-router.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { createLimitsStore } from '../../src/store/limits-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const GIB = 1024n ** 3n;
const TIB = 1024n ** 4n;

describe('/kotae limits', () => {
  let db: TestDatabase;
  let stores: Stores;
  let router: CommandRouter;
  // 2026-12-05 23:30 in Tokyo.
  const clock = createManualClock(new Date('2026-12-05T14:30:00Z'));
  const admins: AdminPolicy = {
    isAdmin: async (person) =>
      person.platform === 'slack' && person.workspaceId === 'T-lim' && person.userId === 'U-admin',
    adminNames: async () => ['<@U-admin>'],
  };

  const command = (
    text: string,
    userId = 'U-admin',
    channelId = 'C-marketing',
    locale: 'ja' | 'en' = 'en',
  ): CommandEvent => ({
    eventId: `${text}-${userId}-${Math.random()}`,
    thread: { platform: 'slack', workspaceId: 'T-lim', channelId, threadId: '' },
    userId,
    text,
    locale,
  });
  const workspaceId = async () =>
    (await stores.workspaces.ensure('slack', 'T-lim', { locale: 'en', timeZone: 'Asia/Tokyo' })).id;
  const saved = async () => {
    const id = await workspaceId();
    const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { id } });
    const channels = await db.prisma.channelBudget.findMany({
      where: { workspaceId: id },
      orderBy: { channelId: 'asc' },
    });
    return {
      bytesPerDay: workspace.bytesPerDay,
      maxTasksPerHour: workspace.maxTasksPerHour,
      channels: channels.map((c) => [c.channelId, c.bytesPerDay]),
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    stores = createStores(db.prisma);
    const intake = createIntake({
      ...stores,
      queue: createMemoryQueue({ concurrency: 1, logger: silentLogger }),
      clock,
      logger: silentLogger,
      options: {
        maxAttempts: 3,
        questionMaxChars: 400,
        userTasksPerHour: 2,
        defaultLocale: 'en',
        timeZone: 'Asia/Tokyo',
      },
    });
    const limits = createLimitsVerb({
      workspaceFor: (c) =>
        stores.workspaces.ensure(c.thread.platform, c.thread.workspaceId, {
          locale: 'en',
          timeZone: 'Asia/Tokyo',
        }),
      limits: createLimitsStore(db.prisma),
      adminPolicy: admins,
      clock,
      userTasksPerHour: 2,
      maxBytesPerDay: 100n * TIB,
    });
    router = createCommandRouter({ intake, defaultLocale: 'en', extraVerbs: { limits } });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("shows the limits and today's use to anyone, with the time zone and the local day", async () => {
    const id = await workspaceId();
    await db.prisma.byteLedger.createMany({
      data: [
        {
          workspaceId: id,
          channelId: 'C-marketing',
          day: '2026-12-05',
          usedBytes: 3n * GIB,
          reservedBytes: GIB,
        },
        { workspaceId: id, channelId: 'C-sales', day: '2026-12-05', usedBytes: 6n * GIB },
        { workspaceId: id, channelId: 'C-marketing', day: '2026-12-04', usedBytes: 50n * GIB },
      ],
    });
    const shown = await router.handle(command('limits', 'U-someone'));
    expect(shown.reply.kind).toBe('info');
    expect(shown.reply.text).toContain('Asia/Tokyo');
    expect(shown.reply.text).toContain('2026-12-05');
    expect(shown.reply.text).toContain('Daily scan budget: none');
    expect(shown.reply.text).toContain('4 GB in this channel, 10 GB in the workspace');
    expect(shown.reply.text).toContain('2 (global default)');
    const ja = await router.handle(command('limits', 'U-someone', 'C-marketing', 'ja'));
    expect(ja.reply.text).toContain('このチャンネルの上限');
  });

  it('lets an admin set a channel budget, the workspace default and questions per hour', async () => {
    const channel = await router.handle(command('limits bytes-per-day=500GB'));
    expect(channel.reply.kind).toBe('info');
    expect(channel.reply.text).toContain('500 GB (set for this channel)');
    await router.handle(command('limits workspace bytes-per-day=1TB questions-per-hour=3'));
    expect(await saved()).toEqual({
      bytesPerDay: TIB,
      maxTasksPerHour: 3,
      channels: [['C-marketing', 500n * GIB]],
    });

    const store = createLimitsStore(db.prisma);
    const id = await workspaceId();
    expect(await store.forChannel(id, 'C-marketing')).toMatchObject({
      bytesPerDay: 500n * GIB,
      bytesPerDaySource: 'channel',
    });
    expect(await store.forChannel(id, 'C-sales')).toMatchObject({
      bytesPerDay: TIB,
      bytesPerDaySource: 'workspace',
    });
    const sales = await router.handle(command('limits', 'U-someone', 'C-sales'));
    expect(sales.reply.text).toContain('1 TB (workspace default)');
    expect(sales.reply.text).toContain('3 (workspace setting)');
  });

  it('makes intake enforce the workspace questions-per-hour, not the global default', async () => {
    const results = [];
    for (let i = 0; i < 4; i += 1)
      results.push(await router.handle(command(`ask question number ${i}`, 'U-asker')));
    expect(results.map((r) => r.reply.kind)).toEqual(['info', 'info', 'info', 'error']);
    expect(results[3]!.reply.text).toContain('3');
  });

  it('refuses a non-admin, names the admins, and saves nothing', async () => {
    const before = await saved();
    const refused = await router.handle(command('limits bytes-per-day=100TB', 'U-someone'));
    expect(refused.reply.kind).toBe('error');
    expect(refused.reply.text).toContain('<@U-admin>');
    expect(await saved()).toEqual(before);
  });

  it.each([
    ['bytes-per-day=abc', 'en', '"abc" is not a size.'],
    ['bytes-per-day=-5GB', 'en', '"-5GB" is negative.'],
    ['bytes-per-day=200TB', 'en', 'is over the global cap of 100 TB'],
    ['workspace bytes-per-day=abc', 'en', '"abc" is not a size.'],
    ['questions-per-hour=abc bytes-per-day=1GB', 'en', 'not a whole number'],
    ['questions-per-hour=-1', 'en', 'is negative'],
    ['colour=blue', 'en', 'no setting called "colour"'],
    ['bytes-per-day=abc', 'ja', 'サイズとして読めません'],
    ['bytes-per-day=-1', 'ja', '負の値です'],
    ['bytes-per-day=1PB', 'ja', '全体の上限 100 TB を超えています'],
  ] as const)('answers "%s" (%s) with a usage message and saves nothing', async (args, locale, problem) => {
    const before = await saved();
    const answer = await router.handle(command(`limits ${args}`, 'U-admin', 'C-marketing', locale));
    expect(answer.reply.kind).toBe('error');
    expect(answer.reply.text).toContain(locale === 'ja' ? '使い方' : 'Usage');
    expect(answer.reply.text).toContain(problem);
    expect(answer.reply.text).not.toMatch(/zod|Error:|at .*\.ts/);
    expect(await saved()).toEqual(before);
  });
});
