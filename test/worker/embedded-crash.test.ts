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
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.ts';
import { createPrismaClient } from '../../src/store/prisma-client.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/test-kotae.ts';

const QUESTIONS = 50;

interface Child {
  process: ChildProcess;
  url: Promise<string>;
}

/**
 * `kotae dev` on the test's database, or (db null) on its own PGlite in `dataDir`. Leases
 * last 10 minutes, far past the test's wait: a task the dead process held is answered in
 * time only if the restart takes it back at once, as the dead instance's, not on expiry.
 */
function startEmbedded(
  db: TestDatabase | null,
  dataDir = mkdtempSync(join(tmpdir(), 'kotae-embedded-crash-')),
): Child {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [join(import.meta.dirname, '../support/embedded-kotae.ts')], {
    env: {
      ...env,
      ...(db ? { DATABASE_URL: db.url, DATABASE_POOL_SIZE: String(db.poolSize) } : {}),
      PORT: '0',
      TASK_LEASE_MS: '600000',
      KOTAE_DATA_DIR: dataDir,
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

/** One question per thread, all at once, through the console's API; each must be accepted. */
async function askAll(url: string, threads: string[]): Promise<void> {
  await Promise.all(
    threads.map(async (thread, index) => {
      const response = await fetch(`${url}/api/console/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'general', thread, text: `Sales for store ${index}?`, locale: 'en' }),
      });
      expect(response.status).toBe(202);
    }),
  );
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
    const threads = Array.from({ length: QUESTIONS }, (_, index) => `crash-${kind}-${index}`);
    await askAll(url, threads);
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

/**
 * The same on `kotae dev` whole, the newcomer's topology: its own PGlite in a data directory
 * that the killed process was writing to. The restarted process recovers the directory
 * (PGlite replays its WAL) and the tasks the dead one held; the test reads the outcome
 * through the console's API, then the directory itself once the second process has stopped.
 */
describe('kotae dev on its own embedded database, killed and restarted at once', () => {
  const children: Child[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'kotae-own-pglite-crash-'));
  afterAll(async () => {
    for (const child of children) await kill(child);
  });

  const threadOf = async (url: string, thread: string) => {
    const response = await fetch(`${url}/api/console/messages?channel=general&thread=${thread}`);
    const { messages } = (await response.json()) as {
      messages: Array<{ author: string; html: string | null }>;
    };
    const bot = messages.filter((message) => message.author === 'bot');
    return {
      replies: bot.filter((message) => message.html?.includes('data-testid="reply"')).length,
      others: bot.filter((message) => !message.html?.includes('data-testid="reply"')).length,
      /** A status that lists a step: its task is running. */
      running: bot.some((message) => message.html?.includes('data-testid="step"')),
    };
  };

  it('answers all 50 threads exactly once and leaves nothing RUNNING in the directory', async () => {
    const first = startEmbedded(null, dataDir);
    children.push(first);
    const url = await first.url;
    const threads = Array.from({ length: QUESTIONS }, (_, index) => `own-${index}`);
    await askAll(url, threads);
    // Killed while tasks run (their threads show a step), before all are answered.
    await eventually(async () => {
      const now = await Promise.all(threads.map((thread) => threadOf(url, thread)));
      return now.filter((thread) => thread.running && thread.replies === 0).length >= 2;
    }, 60_000);
    await kill(first);

    const second = startEmbedded(null, dataDir);
    children.push(second);
    const restarted = await second.url;
    await eventually(async () => {
      const now = await Promise.all(threads.map((thread) => threadOf(restarted, thread)));
      return now.every((thread) => thread.replies >= 1);
    }, 120_000);
    for (const thread of threads) {
      // Exactly one answer, and no orphan "Working on it…" beside it.
      expect(await threadOf(restarted, thread)).toMatchObject({ replies: 1, others: 0 });
    }

    const stopped = new Promise((resolve) => second.process.once('exit', resolve));
    second.process.kill('SIGTERM');
    await stopped;
    const server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pglite') });
    const prisma = createPrismaClient(server.url, { poolSize: 1 });
    try {
      expect(await prisma.task.count({ where: { status: 'COMPLETED' } })).toBe(QUESTIONS);
      expect(await prisma.task.count({ where: { status: { not: 'COMPLETED' } } })).toBe(0);
    } finally {
      await prisma.$disconnect();
      await server.stop();
    }
  }, 300_000);
});
