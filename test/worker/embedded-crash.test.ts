/**
 * `kotae dev` (one process, in-process queue) killed with SIGKILL while 50 questions are in
 * flight, and restarted at once: every thread must still end with exactly one answer and no
 * task may stay RUNNING. If this fails, a user whose question was running when the process
 * died sees "Working on it…" forever.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/test-kotae.ts';

const QUESTIONS = 50;

interface Child {
  process: ChildProcess;
  url: Promise<string>;
}

function startEmbedded(db: TestDatabase): Child {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../support/embedded-kotae.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: String(db.poolSize),
      PORT: '0',
      KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-embedded-crash-')),
      CHART_URL_SECRET: 'test-chart-secret-0123456789abcdef',
      USER_TASKS_PER_HOUR: '1000',
      STEP_DELAY_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`kotae exited (${code}) before listening:\n${output}`)));
  });
  return { process: child, url };
}

async function kill(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}

describe.each(DATABASE_KINDS)('kotae dev killed and restarted at once on %s', (kind) => {
  let db: TestDatabase;
  const children: Child[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    for (const child of children) await kill(child);
    await db?.drop();
  });

  it('answers all 50 threads exactly once and leaves nothing RUNNING', async () => {
    const first = startEmbedded(db);
    children.push(first);
    const url = await first.url;
    const threads: string[] = [];
    await Promise.all(
      Array.from({ length: QUESTIONS }, async (_, index) => {
        const thread = `crash-${kind}-${index}`;
        threads.push(thread);
        const response = await fetch(`${url}/api/console/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            channel: 'general',
            thread,
            text: `Sales for store ${index}?`,
            locale: 'en',
          }),
        });
        expect(response.status).toBe(202);
      }),
    );
    // Killed while tasks are running (their leases are fresh), before all are done.
    await eventually(async () => (await db.prisma.task.count({ where: { status: 'RUNNING' } })) >= 2, 60_000);
    await kill(first);
    const stranded = await db.prisma.task.count({ where: { status: { in: ['RUNNING', 'PENDING'] } } });
    expect(stranded).toBeGreaterThan(0);

    const second = startEmbedded(db);
    children.push(second);
    await second.url;
    await eventually(
      async () => (await db.prisma.task.count({ where: { status: 'COMPLETED' } })) === QUESTIONS,
      120_000,
    );
    expect(await db.prisma.task.count({ where: { status: { not: 'COMPLETED' } } })).toBe(0);
    for (const thread of threads) {
      const replies = await db.prisma.consoleMessage.findMany({
        where: { channelId: 'general', threadId: thread, author: 'bot' },
      });
      // Exactly one answer, and no orphan "Working on it…" beside it: a placeholder the dead
      // process posted but had not yet recorded is the same message the new worker posts.
      expect(replies.filter((reply) => (reply.content as { kind: string }).kind === 'reply')).toHaveLength(1);
      expect(replies.filter((reply) => (reply.content as { kind: string }).kind === 'status')).toHaveLength(
        0,
      );
    }
  }, 240_000);
});
