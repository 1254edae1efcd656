/**
 * The promise behind every question: it is never lost and never answered twice, on
 * PostgreSQL and on the embedded PGlite alike. If these fail, a user sees two answers
 * to one question, or none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionEvent } from '../../src/core/chat-event.ts';
import type { ConsoleMessageRecord } from '../../src/store/console-message-store.ts';
import { createTaskRunner } from '../../src/worker/task-runner.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler, type ScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

function question(
  eventId: string,
  threadId: string,
  text = '先月の都道府県別売上トップ10は？',
): QuestionEvent {
  return {
    eventId,
    thread: { platform: 'console', workspaceId: 'local', channelId: 'general', threadId },
    userId: 'U1',
    text,
    receivedAt: new Date(),
  };
}

function finalReplies(messages: ConsoleMessageRecord[]): ConsoleMessageRecord[] {
  return messages.filter((m) => m.author === 'bot' && (m.content as { kind: string }).kind === 'reply');
}

describe.each(DATABASE_KINDS)('task lifecycle on %s', (kind) => {
  let db: TestDatabase;
  let kotae: Kotae;
  let handler: ScriptedHandler;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    handler = createScriptedHandler();
    kotae = await startTestKotae(db, { handler });
  });
  afterAll(async () => {
    await kotae?.stop();
    await db?.drop();
  });

  it('turns the same event delivered 4 times into 1 task and 1 reply', async () => {
    const threadId = `thread-dup-${kind}`;
    const event = question('Ev-dup-1', threadId);
    const first = await kotae.intake.submit(event);
    const retries = await Promise.all([
      kotae.intake.submit(event),
      kotae.intake.submit(event),
      kotae.intake.submit({ ...event, receivedAt: new Date(Date.now() + 60_000) }),
    ]);
    expect(first.status).toBe('accepted');
    expect(retries.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(new Set([first, ...retries].map((r) => (r.status === 'rejected' ? null : r.taskId))).size).toBe(1);

    const taskId = first.status === 'accepted' ? first.taskId : '';
    const task = await eventually(async () => {
      const found = await kotae.stores.tasks.get(taskId);
      return found?.status === 'COMPLETED' ? found : undefined;
    });
    expect(task.attempts).toBe(1);
    expect(await db.prisma.task.count({ where: { threadId } })).toBe(1);
    const thread = await kotae.stores.consoleMessages.listThread('general', threadId);
    expect(finalReplies(thread)).toHaveLength(1);
    expect(thread.filter((m) => m.author === 'bot')).toHaveLength(1); // the placeholder became the answer
    const steps = await kotae.stores.steps.list(taskId);
    expect(steps.map((s) => s.status)).toEqual(['DONE', 'DONE']);
    expect(steps.every((s) => s.durationMs !== null && s.durationMs >= 0)).toBe(true);
    const reply = (finalReplies(thread)[0]!.content as { reply: { text: string } }).reply;
    expect(reply.text).toContain('東京都');
  });

  it('runs a task once when two workers race for it', async () => {
    const created = await kotae.intake.submit(question('Ev-race-1', `thread-race-${kind}`));
    const taskId = created.status === 'accepted' ? created.taskId : '';
    await eventually(async () => (await kotae.stores.tasks.get(taskId))?.status === 'COMPLETED');
    const before = handler.calls.length;
    // A redelivery arriving at two more workers at once: both claims are no-ops now.
    const raceHandler = createScriptedHandler();
    const runners = ['worker-a', 'worker-b'].map((workerId) =>
      createTaskRunner({
        ...kotae.stores,
        platformFor: kotae.platformFor,
        handlerFor: () => raceHandler,
        clock: systemClock,
        logger: silentLogger,
        options: { workerId, leaseMs: 30_000, historyTurns: 4, chartTtlMs: 60_000, placeholderWaitMs: 0 },
      }),
    );
    const never = new AbortController().signal;
    await Promise.all(runners.map((runner) => runner.run(taskId, never)));
    expect(raceHandler.calls).toHaveLength(0);
    expect(handler.calls.length).toBe(before);

    // A fresh task raced by two workers from the start runs exactly once.
    const fresh = await kotae.stores.tasks.create({
      kind: 'QUESTION',
      idempotencyKey: `race-fresh-${kind}`,
      workspaceId: (
        await kotae.stores.workspaces.ensure('console', 'local', { locale: 'ja', timeZone: 'Asia/Tokyo' })
      ).id,
      thread: {
        platform: 'console',
        workspaceId: 'local',
        channelId: 'general',
        threadId: `thread-race-fresh-${kind}`,
      },
      userId: 'U1',
      question: 'race',
      locale: 'en',
      timeZone: 'Asia/Tokyo',
      maxAttempts: 3,
    });
    await Promise.all(runners.map((runner) => runner.run(fresh.task.id, never)));
    expect(raceHandler.calls).toHaveLength(1);
    const done = await kotae.stores.tasks.get(fresh.task.id);
    expect(done?.status).toBe('COMPLETED');
    expect(done?.attempts).toBe(1);
    const thread = await kotae.stores.consoleMessages.listThread('general', `thread-race-fresh-${kind}`);
    expect(finalReplies(thread)).toHaveLength(1);
  });

  it('rejects a malformed event with a clear message and stores nothing', async () => {
    const tasksBefore = await db.prisma.task.count();
    const messagesBefore = await db.prisma.consoleMessage.count();
    const notJson = await fetch(`${kotae.url}/api/console/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"channel": "general", "text": ',
    });
    expect(notJson.status).toBe(400);
    const missing = await postQuestion(kotae, { channel: 'general', locale: 'en' });
    expect(missing.status).toBe(400);
    expect(String(missing.body['error'])).toBe('These fields are missing or not valid: "text".');
    const empty = await postQuestion(kotae, { channel: 'general', text: '   ', locale: 'ja' });
    expect(empty.status).toBe(400);
    expect(String(empty.body['error'])).toContain('質問が空です');
    const noChannel = await postQuestion(kotae, { channel: 'nope', text: 'hi', locale: 'en' });
    expect(noChannel.status).toBe(404);
    expect(String(noChannel.body['error'])).toBe('No such channel: "nope".');
    const badIntake = await kotae.intake.submit(question('Ev-empty', 'thread-empty', ' '));
    expect(badIntake).toMatchObject({ status: 'rejected', code: 'empty_question' });
    expect(await db.prisma.task.count()).toBe(tasksBefore);
    expect(await db.prisma.consoleMessage.count()).toBe(messagesBefore);
  });
});
