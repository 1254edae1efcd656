/**
 * Intake's refusals and its dedupe, on both databases. If these fail, a user who hits the
 * hourly limit gets no clear answer (or none at all), or a Slack retry of a question that
 * was already accepted is answered with "limit reached".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/app/stores.ts';
import { createIntake } from '../../src/bot/intake.ts';
import type { QuestionEvent } from '../../src/core/chat-event.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Intake } from '../../src/core/ports/intake.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';

describe.each(DATABASE_KINDS)('intake on %s', (kind) => {
  let db: TestDatabase;
  let stores: Stores;
  let intake: Intake;
  const clock = createManualClock(new Date('2026-11-20T00:00:00Z'));

  const event = (eventId: string, text: string, userId = 'U1'): QuestionEvent => ({
    eventId,
    thread: { platform: 'slack', workspaceId: `T-${kind}`, channelId: 'C1', threadId: `${eventId}.thread` },
    userId,
    text,
    receivedAt: clock.now(),
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    stores = createStores(db.prisma);
    intake = createIntake({
      ...stores,
      queue: createMemoryQueue({ concurrency: 1, logger: silentLogger }),
      clock,
      logger: silentLogger,
      options: {
        maxAttempts: 3,
        questionMaxChars: 40,
        userTasksPerHour: 2,
        defaultLocale: 'ja',
        timeZone: 'Asia/Tokyo',
      },
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses a user over the hourly limit in their language, but still recognises retries', async () => {
    expect((await intake.submit(event('E1', '今月の売上は？'))).status).toBe('accepted');
    expect((await intake.submit(event('E2', 'Sales this month?'))).status).toBe('accepted');
    expect(await intake.submit(event('E3', '先月の注文数は？'))).toMatchObject({
      status: 'rejected',
      code: 'rate_limited',
      message: '質問の上限（1 時間あたり 2 件）に達しました。しばらくしてからお試しください。',
    });
    expect(await intake.submit(event('E4', 'Orders last month?'))).toMatchObject({
      status: 'rejected',
      message: 'You have reached the limit of 2 questions per hour. Please try again later.',
    });
    // Slack retries E2 after the user hit the limit: it is the same question, not a new one.
    expect(await intake.submit(event('E2', 'Sales this month?'))).toMatchObject({
      status: 'duplicate',
      locale: 'en',
    });
    // Someone else in the workspace is not affected.
    expect((await intake.submit(event('E5', '今週の売上は？', 'U2'))).status).toBe('accepted');
    // An hour later the user may ask again.
    clock.advance(3_600_001);
    expect((await intake.submit(event('E6', '今週の売上は？'))).status).toBe('accepted');
    expect(await db.prisma.task.count({ where: { userId: 'U1' } })).toBe(3);
  });

  it('refuses an empty or overlong question, storing nothing', async () => {
    const before = await db.prisma.task.count();
    expect(await intake.submit(event('E7', '   ', 'U3'))).toMatchObject({
      status: 'rejected',
      code: 'empty_question',
    });
    expect(await intake.submit(event('E8', 'x'.repeat(41), 'U3'))).toMatchObject({
      status: 'rejected',
      code: 'question_too_long',
      message: 'The question is too long (41 characters; the limit is 40).',
    });
    expect(await db.prisma.task.count()).toBe(before);
  });

  it("stores the question's own language, else the asker's, else the workspace's", async () => {
    const asked = async (id: string, text: string, locale?: 'ja' | 'en') => {
      const result = await intake.submit({ ...event(id, text, 'U9'), ...(locale ? { locale } : {}) });
      expect(result.status).toBe('accepted');
      const taskId = (result as { taskId: string }).taskId;
      return (await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).locale;
    };
    // An English page, a Japanese question: answered in Japanese, from the placeholder on.
    expect(await asked('L1', '先月の売上は？', 'en')).toBe('ja');
    // Latin letters alone do not override a Japanese page (table names, `DAU?`)…
    expect(await asked('L2', 'DAU last month?', 'ja')).toBe('ja');
    clock.advance(3_600_001);
    // …but without the asker's locale they mean English; with nothing at all, the workspace's.
    expect(await asked('L3', 'Sales last month?')).toBe('en');
    expect(await asked('L4', '2026?')).toBe('ja');
  });
  it('stores one task for an event delivered many times at once, and names it to every copy', async () => {
    clock.advance(3_600_001);
    const copies = await Promise.all(
      Array.from({ length: 8 }, () => intake.submit(event('R1', '同時に届いた質問', 'U7'))),
    );
    expect(copies.filter((copy) => copy.status === 'accepted')).toHaveLength(1);
    expect(copies.filter((copy) => copy.status === 'duplicate')).toHaveLength(7);
    expect(new Set(copies.map((copy) => (copy as { taskId: string }).taskId)).size).toBe(1);
    expect(await db.prisma.task.count({ where: { idempotencyKey: { endsWith: ':R1' } } })).toBe(1);
    // The stored row is whole: the worker reads it as the domain task.
    const stored = await stores.tasks.get((copies[0] as { taskId: string }).taskId);
    expect(stored).toMatchObject({
      status: 'PENDING',
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      attempts: 0,
      thread: { platform: 'slack', channelId: 'C1', threadId: 'R1.thread' },
      createdAt: clock.now(),
    });
  });
});
