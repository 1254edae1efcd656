/**
 * Retention on PostgreSQL: history older than KOTAE_RETENTION_DAYS goes, newer history and
 * the daily byte roll-up stay. If this breaks, Kotae either keeps people's questions longer
 * than promised, or deletes what is still in use (a running task, last month's usage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCutoff, runRetention } from '../../src/app/retention-job.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const NOW = new Date('2026-12-05T03:17:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('retention', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function task(id: string, createdAt: Date, status: 'COMPLETED' | 'FAILED' | 'RUNNING') {
    await db.prisma.task.create({
      data: {
        id,
        kind: 'QUESTION',
        status,
        idempotencyKey: id,
        workspaceId: 'W1',
        workspaceKey: 'T1',
        platform: 'SLACK',
        channelId: 'C1',
        threadId: '',
        userId: 'U1',
        question: `question ${id}`,
        locale: 'ja',
        timeZone: 'Asia/Tokyo',
        model: 'openai/gpt-4.1-mini',
        inputTokens: 100,
        outputTokens: 10,
        createdAt,
        steps: { create: [{ attempt: 1, seq: 1, label: 'step', startedAt: createdAt }] },
      },
    });
    await db.prisma.queryLog.create({
      data: {
        taskId: id,
        workspaceId: 'W1',
        channelId: 'C1',
        userId: 'U1',
        backend: 'bigquery',
        sql: 'SELECT 1',
        verdict: 'EXECUTED',
        bytesProcessed: 1000n,
        durationMs: 5,
        createdAt,
      },
    });
    await db.prisma.feedback.create({ data: { taskId: id, userId: 'U2', value: 'up', createdAt } });
    await db.prisma.threadTurn.create({
      data: {
        threadKey: `k-${id}`,
        taskId: id,
        question: 'q',
        answer: 'a',
        sql: [],
        resultSummary: '',
        createdAt,
      },
    });
    await db.prisma.consoleMessage.create({
      data: { channelId: 'C1', threadId: id, author: 'user', userId: 'U1', content: {}, createdAt },
    });
  }

  it('deletes questions, steps, thread memory, query logs and console messages older than the cut-off', async () => {
    await task('old-done', ago(401), 'COMPLETED');
    await task('old-failed', ago(500), 'FAILED');
    await task('old-running', ago(402), 'RUNNING');
    await task('recent', ago(399), 'COMPLETED');
    await db.prisma.byteLedger.create({
      data: { workspaceId: 'W1', channelId: 'C1', day: '2025-01-01', usedBytes: 42n },
    });

    const result = await runRetention(db.prisma, createManualClock(NOW), 400, silentLogger);

    expect(result).toEqual({
      tasks: 2,
      feedback: 2,
      steps: 2,
      threadTurns: 3,
      queryLogs: 3,
      consoleMessages: 3,
    });
    // What was deleted is kept, summed, in the daily roll-up (by local day; W1 has no time zone: UTC).
    const rolled = await db.prisma.usageDaily.findMany({ orderBy: { day: 'asc' } });
    expect(
      rolled.map((r) => [r.day, r.asked, r.answered, r.failed, r.inputTokens, r.bytes, r.up, r.model]),
    ).toEqual([
      [ago(500).toISOString().slice(0, 10), 1, 0, 1, 100n, 1000n, 1, 'openai/gpt-4.1-mini'],
      [ago(402).toISOString().slice(0, 10), 0, 0, 0, 0n, 1000n, 0, 'openai/gpt-4.1-mini'],
      [ago(401).toISOString().slice(0, 10), 1, 1, 0, 100n, 1000n, 1, 'openai/gpt-4.1-mini'],
    ]);
    expect((await db.prisma.task.findMany({ orderBy: { id: 'asc' } })).map((t) => t.id)).toEqual([
      'old-running',
      'recent',
    ]);
    expect(await db.prisma.taskStep.count()).toBe(2);
    expect((await db.prisma.queryLog.findMany()).map((q) => q.taskId)).toEqual(['recent']);
    expect((await db.prisma.threadTurn.findMany()).map((q) => q.taskId)).toEqual(['recent']);
    expect((await db.prisma.consoleMessage.findMany()).map((m) => m.threadId)).toEqual(['recent']);
    // The roll-up stays.
    expect(await db.prisma.byteLedger.count()).toBe(1);
    expect(await db.prisma.usageDaily.count()).toBe(3);
    // A second run finds nothing more to delete.
    expect(await runRetention(db.prisma, createManualClock(NOW), 400, silentLogger)).toEqual({
      tasks: 0,
      feedback: 0,
      steps: 0,
      threadTurns: 0,
      queryLogs: 0,
      consoleMessages: 0,
    });
  });

  it('deletes in batches past the batch size', async () => {
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "QueryLog" (id, backend, sql, verdict, "durationMs", "createdAt")
      SELECT 'bulk-' || g, 'bigquery', 'SELECT 1', 'EXECUTED', 1, TIMESTAMP '2024-01-01' FROM generate_series(1, 12345) g`);
    const result = await runRetention(db.prisma, createManualClock(NOW), 400, silentLogger);
    expect(result.queryLogs).toBe(12_345);
    expect(await db.prisma.queryLog.count({ where: { id: { startsWith: 'bulk-' } } })).toBe(0);
  });

  it('cuts off exactly retention-days before now', () => {
    expect(retentionCutoff(NOW, 400).toISOString()).toBe('2025-10-31T03:17:00.000Z');
  });
});
