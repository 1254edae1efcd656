/**
 * The ack path's task writes are plain SQL (src/store/task-ack-path.ts), beside Prisma's
 * own reads. If the SQL drifted from the schema, the task intake returns would differ from
 * the stored row (a timestamp shifted by the time zone, an enum or default missing), or a
 * duplicate delivery would create a second task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskStore, type TaskStore } from '../../src/store/task-store.ts';
import { createWorkspaceStore } from '../../src/store/workspace-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';

describe.each(DATABASE_KINDS)('task writes on the ack path, on %s', (kind) => {
  let db: TestDatabase;
  let tasks: TaskStore;
  let workspaceId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    tasks = createTaskStore(db.prisma);
    workspaceId = (
      await createWorkspaceStore(db.prisma).ensure('slack', 'T0ACK', { locale: 'ja', timeZone: 'Asia/Tokyo' })
    ).id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const input = (key: string) => ({
    kind: 'QUESTION' as const,
    idempotencyKey: key,
    workspaceId,
    thread: {
      platform: 'slack' as const,
      workspaceId: 'T0ACK',
      channelId: 'C0ACK',
      threadId: '1767000000.000100',
    },
    userId: 'U0ACK',
    question: '先月の売上は？',
    locale: 'ja' as const,
    maxAttempts: 3,
    traceContext: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    createdAt: new Date('2026-12-05T21:30:00.123Z'),
  });

  it('returns exactly the row Prisma reads back, and a duplicate creates nothing', async () => {
    const { task, created } = await tasks.create(input('slack:T0ACK:Ev1'));
    expect(created).toBe(true);
    expect(await tasks.get(task.id)).toEqual(task);
    expect(task).toMatchObject({ status: 'PENDING', attempts: 0, platform: 'SLACK', placeholderId: null });
    expect(task.createdAt.toISOString()).toBe('2026-12-05T21:30:00.123Z');

    const again = await tasks.create(input('slack:T0ACK:Ev1'));
    expect(again).toEqual({ task, created: false });
  });

  it('reserves the placeholder once, and only its reservation sets the message', async () => {
    const { task } = await tasks.create(input('slack:T0ACK:Ev2'));
    expect(await tasks.reservePlaceholder(task.id, 'a')).toBe(true);
    expect(await tasks.reservePlaceholder(task.id, 'b')).toBe(false);
    expect(await tasks.setPlaceholder(task.id, '1767000000.000200', 'a')).toBe('1767000000.000200');
    expect(await tasks.setPlaceholder(task.id, '1767000000.000300', 'b')).toBe('1767000000.000200');
    expect((await tasks.get(task.id))?.placeholderId).toBe('1767000000.000200');
  });
});
