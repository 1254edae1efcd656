/**
 * SIGTERM during a deploy: the worker stops taking work, lets what it holds finish for a
 * grace period, then gives the rest back — PENDING again, its attempt refunded — so the
 * next worker answers it. If this fails, every deploy eats an attempt or loses questions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

describe('worker shutdown', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('releases a task it cannot finish in its grace period, and the next worker answers it once', async () => {
    const held = createScriptedHandler({ hold: true });
    const first: Kotae = await startTestKotae(db, {
      handler: held,
      env: { WORKER_SHUTDOWN_GRACE_MS: '300' },
    });
    const started = held.started();
    const accepted = await first.intake.submit({
      eventId: 'Ev-shutdown-1',
      thread: {
        platform: 'console',
        workspaceId: 'local',
        channelId: 'general',
        threadId: 'thread-shutdown',
      },
      userId: 'U1',
      text: 'Top stores this week?',
      receivedAt: new Date(),
    });
    const taskId = accepted.status === 'accepted' ? accepted.taskId : '';
    const context = await started;
    await first.stop();

    expect(context.signal.aborted).toBe(true);
    const released = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(released).toMatchObject({ status: 'PENDING', attempts: 0, leaseOwner: null });

    const handler = createScriptedHandler();
    const second = await startTestKotae(db, { handler });
    try {
      const done = await eventually(async () => {
        const task = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
        return task.status === 'COMPLETED' ? task : undefined;
      });
      expect(done.attempts).toBe(1);
      expect(handler.calls).toHaveLength(1);
      const bot = await db.prisma.consoleMessage.findMany({
        where: { threadId: 'thread-shutdown', author: 'bot' },
      });
      expect(bot).toHaveLength(1);
      expect((bot[0]!.content as { kind: string }).kind).toBe('reply');
    } finally {
      await second.stop();
    }
  });
});
