/**
 * A worker process killed mid-task (SIGKILL: no clean-up at all) must not lose the
 * question: once its lease expires another worker runs the task again, and the user
 * gets exactly one final reply. If this fails, a crash leaves a question unanswered
 * forever, or answered twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const LEASE_MS = 5_000;

function startHangingWorker(db: TestDatabase): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../support/hanging-worker.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: String(db.poolSize),
      KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-crash-')),
      CHART_URL_SECRET: 'test-chart-secret-0123456789abcdef',
      TASK_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe.each(DATABASE_KINDS)('worker crash on %s', (kind) => {
  let db: TestDatabase;
  let kotae: Kotae;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // The bot only: the healthy worker comes later, after the crash.
    kotae = await startTestKotae(db, { roles: { bot: true, worker: false } });
  });
  afterAll(async () => {
    await kotae?.stop();
    await db?.drop();
  });

  it('re-runs a killed worker’s task after its lease expires, with exactly one final reply', async () => {
    const accepted = await kotae.intake.submit({
      eventId: `Ev-crash-${kind}`,
      thread: {
        platform: 'console',
        workspaceId: 'local',
        channelId: 'general',
        threadId: `thread-crash-${kind}`,
      },
      userId: 'U1',
      text: 'Sales by prefecture last month?',
      receivedAt: new Date(),
    });
    expect(accepted.status).toBe('accepted');
    const taskId = accepted.status === 'accepted' ? accepted.taskId : '';

    const doomed = startHangingWorker(db);
    try {
      await eventually(async () => doomed.output().includes(`started ${taskId}`), 60_000);
      // Its first step is on record before it dies (the write is asynchronous).
      await eventually(async () => (await kotae.stores.steps.list(taskId)).length === 1);
      const running = await kotae.stores.tasks.get(taskId);
      expect(running).toMatchObject({ status: 'RUNNING', attempts: 1 });
      doomed.child.kill('SIGKILL');
      await new Promise((resolve) => doomed.child.once('exit', resolve));
    } finally {
      doomed.child.kill('SIGKILL');
    }

    // While the dead worker's lease holds, nobody may take the task; then it is free.
    expect(await kotae.stores.tasks.findRecoverable(new Date())).not.toContain(taskId);
    await eventually(
      async () => (await kotae.stores.tasks.findRecoverable(new Date())).includes(taskId),
      15_000,
    );

    // A new worker's start-up sweep (or, with Pub/Sub, the redelivery) picks it up.
    const handler = createScriptedHandler();
    const rerun = await startTestKotae(db, { handler, roles: { bot: false, worker: true } });
    try {
      const done = await eventually(async () => {
        const task = await kotae.stores.tasks.get(taskId);
        return task?.status === 'COMPLETED' ? task : undefined;
      });
      expect(done.attempts).toBe(2);
      expect(handler.calls).toHaveLength(1);
      const thread = await kotae.stores.consoleMessages.listThread('general', `thread-crash-${kind}`);
      const bot = thread.filter((m) => m.author === 'bot');
      expect(bot).toHaveLength(1);
      expect((bot[0]!.content as { kind: string }).kind).toBe('reply');
      const steps = await kotae.stores.steps.list(taskId);
      expect(steps.filter((s) => s.attempt === 1).map((s) => s.status)).toEqual(['RUNNING']);
      expect(steps.filter((s) => s.attempt === 2).map((s) => s.status)).toEqual(['DONE', 'DONE']);
    } finally {
      await rerun.stop();
    }
  });
});
