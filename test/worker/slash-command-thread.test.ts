/**
 * A question asked outside a thread (a slash command) gets its answer as a new message,
 * which starts the thread: the chart must land in that thread and follow-ups there must
 * see the turn. If this breaks, the chart of a `/kotae ask` answer lands loose in the
 * channel and "では月別に" under it starts from nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/app/stores.ts';
import { threadKey, type ThreadRef } from '../../src/core/chat-event.ts';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createTaskRunner } from '../../src/worker/task-runner.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { recordingPlatform } from '../support/recording-platform.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';

describe('a question asked outside a thread', () => {
  let db: TestDatabase;
  let stores: Stores;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    stores = createStores(db.prisma);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('puts the chart and the memory in the thread its answer starts', async () => {
    const { platform, uploads } = recordingPlatform();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const handler = createScriptedHandler({
      answer: () => ({
        chart: {
          spec: { type: 'bar', title: '売上', x: 'a', y: ['b'], data: [{ a: 'x', b: 1 }] },
          png,
          altText: '売上',
        },
      }),
    });
    const workspace = await stores.workspaces.ensure('slack', 'T1', { locale: 'ja', timeZone: 'Asia/Tokyo' });
    const channel: ThreadRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadId: '' };
    const { task } = await stores.tasks.create({
      kind: 'QUESTION',
      idempotencyKey: 'slash-1',
      workspaceId: workspace.id,
      thread: channel,
      userId: 'U1',
      question: '/kotae ask 今月の売上は？',
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      maxAttempts: 3,
    });
    const runner = createTaskRunner({
      ...stores,
      platformFor: () => platform,
      handlerFor: () => handler,
      clock: systemClock,
      logger: silentLogger,
      options: { workerId: 'w1', leaseMs: 30_000, historyTurns: 4, chartTtlMs: 60_000, placeholderWaitMs: 0 },
    });
    await runner.run(task.id, new AbortController().signal);

    const done = await stores.tasks.get(task.id);
    expect(done?.status).toBe('COMPLETED');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.thread).toEqual({ ...channel, threadId: done!.placeholderId });
    const turns = await stores.threads.recent(threadKey({ ...channel, threadId: done!.placeholderId! }), 4);
    expect(turns.map((turn) => turn.question)).toEqual(['/kotae ask 今月の売上は？']);
  });
});
