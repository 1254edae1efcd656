/**
 * The production queue on the real Pub/Sub emulator. If these fail, questions queue up
 * unanswered, a worker takes on more LLM work than it can carry, or a crashed worker's
 * question is answered twice or never.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KotaeError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createPubSubClient } from '../../src/queue/pubsub-client.ts';
import { createPubSubQueue } from '../../src/queue/pubsub-queue.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const emulatorHost = inject('pubsubEmulatorHost');
if (!emulatorHost) console.warn('[kotae tests] Pub/Sub emulator absent: skipping the Pub/Sub queue tests.');

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${counter++}`;

describe.skipIf(!emulatorHost)('Pub/Sub queue on the emulator', () => {
  const pubsub = () => createPubSubClient({ projectId: 'kotae-test', emulatorHost });

  it('creates its topic and subscription, delivers a task id once, and acks it', async () => {
    const queue = createPubSubQueue({
      pubsub: pubsub(),
      topic: unique('topic'),
      subscription: unique('sub'),
      createResources: true,
      maxMessages: 4,
      ackDeadlineSeconds: 10,
      logger: silentLogger,
    });
    const seen: string[] = [];
    const consumer = await queue.consume(async ({ taskId }) => {
      seen.push(taskId);
    });
    await queue.publish('task-1');
    await eventually(async () => seen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual(['task-1']);
    await consumer.stop();
    await queue.close();
  });

  it('holds no more tasks at once than its flow control allows, and redelivers nacked ones', async () => {
    const queue = createPubSubQueue({
      pubsub: pubsub(),
      topic: unique('topic'),
      subscription: unique('sub'),
      createResources: true,
      maxMessages: 2,
      ackDeadlineSeconds: 10,
      logger: silentLogger,
    });
    let inFlight = 0;
    let peak = 0;
    const done: string[] = [];
    const nacked = new Set<string>();
    const consumer = await queue.consume(async ({ taskId }) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 300));
      inFlight -= 1;
      if (taskId === 't-retry' && !nacked.has(taskId)) {
        nacked.add(taskId);
        throw new KotaeError('flaky', 'try again', { retryable: true });
      }
      done.push(taskId);
    });
    for (const id of ['t-1', 't-2', 't-3', 't-4', 't-retry']) await queue.publish(id);
    await eventually(async () => done.length === 5, 60_000);
    expect(peak).toBeLessThanOrEqual(2);
    expect(done.sort()).toEqual(['t-1', 't-2', 't-3', 't-4', 't-retry']);
    await consumer.stop();
    await queue.close();
  });
});

describe.skipIf(!emulatorHost).each(DATABASE_KINDS)('a worker crash with the Pub/Sub queue on %s', (kind) => {
  let db: TestDatabase;
  let bot: Kotae;
  const env = () => ({
    KOTAE_QUEUE: 'pubsub',
    PUBSUB_PROJECT_ID: 'kotae-test',
    PUBSUB_EMULATOR_HOST: emulatorHost,
    PUBSUB_TOPIC: topic,
    PUBSUB_SUBSCRIPTION: subscription,
    PUBSUB_ACK_DEADLINE_SECONDS: '10',
    TASK_LEASE_MS: '4000',
  });
  const topic = unique('tasks');
  const subscription = unique('workers');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    bot = await startTestKotae(db, { roles: { bot: true, worker: false }, env: env() });
  });
  afterAll(async () => {
    await bot?.stop();
    await db?.drop();
  });

  it('answers a message redelivered after its worker died exactly once', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../support/hanging-worker.ts')], {
      env: {
        ...process.env,
        ...env(),
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: String(db.poolSize),
        KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-crash-')),
        CHART_URL_SECRET: 'test-chart-secret-0123456789abcdef',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const handler = createScriptedHandler();
    let healthy: Kotae | null = null;
    try {
      await eventually(async () => output.includes('ready'), 90_000);
      const accepted = await bot.intake.submit({
        eventId: unique('Ev'),
        thread: {
          platform: 'console',
          workspaceId: 'local',
          channelId: 'general',
          threadId: `thread-pubsub-crash-${kind}`,
        },
        userId: 'U1',
        text: '今月の売上は？',
        receivedAt: new Date(),
      });
      const taskId = accepted.status === 'accepted' ? accepted.taskId : '';
      await eventually(async () => output.includes(`started ${taskId}`), 60_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      // Only the emulator's redelivery brings the task back: no sweep runs in this test.
      healthy = await startTestKotae(db, { handler, roles: { bot: false, worker: true }, env: env() });
      const done = await eventually(async () => {
        const task = await bot.stores.tasks.get(taskId);
        return task?.status === 'COMPLETED' ? task : undefined;
      }, 90_000);
      expect(done.attempts).toBe(2);
      expect(handler.calls).toHaveLength(1);
      const thread = await bot.stores.consoleMessages.listThread('general', `thread-pubsub-crash-${kind}`);
      const replies = thread.filter((m) => m.author === 'bot');
      expect(replies).toHaveLength(1);
      expect((replies[0]!.content as { kind: string }).kind).toBe('reply');
    } finally {
      child.kill('SIGKILL');
      await healthy?.stop();
    }
  }, 180_000);
});
