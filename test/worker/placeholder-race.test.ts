/**
 * One placeholder per question, even when ingress (after its ack) and a worker in another
 * process both want to post it and the platform cannot deduplicate (Slack has no
 * idempotency key). If this breaks, a stray 「考え中…」 stays in the thread forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/app/stores.ts';
import { createIntake } from '../../src/bot/intake.ts';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import { createMemoryQueue } from '../../src/queue/memory-queue.ts';
import { createTaskRunner } from '../../src/worker/task-runner.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { recordingPlatform } from '../support/recording-platform.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';

describe('the placeholder', () => {
  let db: TestDatabase;
  let stores: Stores;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    stores = createStores(db.prisma);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const runner = (platform: ChatPlatform, placeholderWaitMs: number) =>
    createTaskRunner({
      ...stores,
      platformFor: () => platform,
      handlerFor: () => createScriptedHandler(),
      clock: systemClock,
      logger: silentLogger,
      options: {
        workerId: 'w-other-process',
        leaseMs: 30_000,
        historyTurns: 4,
        chartTtlMs: 60_000,
        placeholderWaitMs,
      },
    });

  async function newTask(key: string): Promise<string> {
    const workspace = await stores.workspaces.ensure('slack', 'T9', { locale: 'ja', timeZone: 'Asia/Tokyo' });
    const { task } = await stores.tasks.create({
      kind: 'QUESTION',
      idempotencyKey: key,
      workspaceId: workspace.id,
      thread: { platform: 'slack', workspaceId: 'T9', channelId: 'C9', threadId: '1700000000.000100' },
      userId: 'U9',
      question: '今週の売上は？',
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      maxAttempts: 3,
    });
    return task.id;
  }

  it('is posted once when ingress and a worker race to post it on a slow platform', async () => {
    const { platform, posts, updates } = recordingPlatform({ postDelayMs: 50 });
    const taskId = await newTask('race-placeholder');
    const intake = createIntake({
      ...stores,
      queue: createMemoryQueue({ concurrency: 1, logger: silentLogger }),
      clock: systemClock,
      logger: silentLogger,
      options: {
        maxAttempts: 3,
        questionMaxChars: 4000,
        userTasksPerHour: 60,
        defaultLocale: 'ja',
        timeZone: 'Asia/Tokyo',
      },
    });
    // The worker got there first and is still waiting on Slack when ingress, after its
    // ack, gets to its own placeholder.
    const running = runner(platform, 0).run(taskId, new AbortController().signal);
    while (posts.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    await intake.postPlaceholder(taskId, platform);
    await running;
    const task = await stores.tasks.get(taskId);
    expect(task?.status).toBe('COMPLETED');
    expect(posts).toHaveLength(1);
    // Every update, the final answer included, went to that one message.
    expect(new Set(updates.map((update) => update.messageId))).toEqual(new Set([task!.placeholderId]));
    expect(updates.at(-1)?.content.kind).toBe('reply');
  });

  it('is taken over by the worker when whoever reserved it never posted', async () => {
    const { platform, posts } = recordingPlatform();
    const taskId = await newTask('stale-placeholder');
    // Ingress reserved the placeholder, then its process died before posting.
    expect(await stores.tasks.reservePlaceholder(taskId, 'intake:died')).toBe(true);
    await runner(platform, 200).run(taskId, new AbortController().signal);
    const task = await stores.tasks.get(taskId);
    expect(task?.status).toBe('COMPLETED');
    expect(posts).toHaveLength(1);
    expect(task?.placeholderId).toBe('msg-1');
  });
});
