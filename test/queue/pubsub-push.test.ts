/**
 * The worker on Pub/Sub push, on the real emulator with a push subscription to a local
 * endpoint (through a front end that adds the OIDC token Google would add). If these
 * fail, a question is answered twice or never, a forged push runs a task (spending LLM
 * tokens and warehouse bytes), or a long task is redelivered mid-run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createPubSubClient } from '../../src/queue/pubsub-client.ts';
import { startFakeGoogleCerts, type FakeGoogleCerts } from '../fakes/gchat/fake-google-certs.ts';
import { createGoogleSigner } from '../fakes/gchat/google-signer.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { freePort } from '../support/pubsub-emulator.ts';
import { startPushFrontEnd, type PushFrontEnd } from '../support/push-front-end.ts';
import { createScriptedHandler, type ScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const emulatorHost = inject('pubsubEmulatorHost');
if (!emulatorHost) console.warn('[kotae tests] Pub/Sub emulator absent: skipping the Pub/Sub push tests.');

const AUDIENCE = 'https://kotae-worker.example.run.app/pubsub/push/tasks';
const PUSHER = 'pubsub-push@kotae-test.iam.gserviceaccount.com';
const google = createGoogleSigner();
const attacker = createGoogleSigner();
const topic = `push-tasks-${process.pid}-${Date.now()}`;

describe.skipIf(!emulatorHost)('worker on Pub/Sub push (emulator, PostgreSQL)', () => {
  let db: TestDatabase;
  let certs: FakeGoogleCerts;
  let front: PushFrontEnd;
  let bot: Kotae;
  let counter = 0;

  const env = (): Record<string, string> => ({
    KOTAE_QUEUE: 'pubsub',
    PUBSUB_PROJECT_ID: 'kotae-test',
    PUBSUB_EMULATOR_HOST: emulatorHost,
    PUBSUB_TOPIC: topic,
    PUBSUB_CREATE_RESOURCES: 'false',
    PUBSUB_ACK_DEADLINE_SECONDS: '10',
    PUBSUB_PUSH_AUDIENCE: AUDIENCE,
    PUBSUB_PUSH_SERVICE_ACCOUNT: PUSHER,
    GOOGLE_OIDC_CERTS_URL: certs.oauthCertsUrl,
    TASK_LEASE_MS: '3000',
  });

  async function ask(thread: string): Promise<string> {
    const accepted = await bot.intake.submit({
      eventId: `Ev-push-${counter++}-${Date.now()}`,
      thread: { platform: 'console', workspaceId: 'local', channelId: 'general', threadId: thread },
      userId: 'U1',
      text: '今月の売上は？',
      receivedAt: new Date(),
    });
    if (accepted.status !== 'accepted') throw new Error(`not accepted: ${accepted.status}`);
    return accepted.taskId;
  }

  async function completed(taskId: string) {
    return await eventually(async () => {
      const task = await bot.stores.tasks.get(taskId);
      return task?.status === 'COMPLETED' ? task : undefined;
    }, 90_000);
  }

  async function replies(thread: string) {
    const messages = await bot.stores.consoleMessages.listThread('general', thread);
    return messages.filter((m) => m.author === 'bot' && (m.content as { kind: string }).kind === 'reply');
  }

  const worker = (handler: ScriptedHandler) =>
    startTestKotae(db, { handler, roles: { bot: false, worker: true }, env: env() });

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    certs = await startFakeGoogleCerts(google);
    front = await startPushFrontEnd({ google, attacker, audience: AUDIENCE, serviceAccount: PUSHER });
    const pubsub = createPubSubClient({ projectId: 'kotae-test', emulatorHost });
    const [created] = await pubsub.createTopic(topic);
    await created.createSubscription(`${topic}-push`, {
      ackDeadlineSeconds: 10,
      pushConfig: { pushEndpoint: `${front.url}/pubsub/push/tasks` },
      retryPolicy: { minimumBackoff: { seconds: 1 }, maximumBackoff: { seconds: 2 } },
    });
    await pubsub.close();
    bot = await startTestKotae(db, { roles: { bot: true, worker: false }, env: env() });
  });
  afterAll(async () => {
    await bot?.stop();
    await front?.close();
    await certs?.close();
    await db?.drop();
  });

  it('answers a pushed task exactly once', async () => {
    const handler = createScriptedHandler();
    const kotae = await worker(handler);
    front.target = kotae.url;
    front.mode = 'valid';
    try {
      const taskId = await ask('push-once');
      expect((await completed(taskId)).attempts).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(handler.calls.map((c) => c.task.id)).toEqual([taskId]);
      expect(await replies('push-once')).toHaveLength(1);
      expect(front.deliveries.at(-1)?.status).toBe(204);
    } finally {
      await kotae.stop();
    }
  }, 120_000);

  it.each(['forged', 'none'] as const)(
    'refuses a %s token with 401 and runs nothing',
    async (mode) => {
      const handler = createScriptedHandler();
      const kotae = await worker(handler);
      front.target = kotae.url;
      front.mode = mode;
      try {
        // This task's deliveries only: a delivery of an earlier test's message can still be
        // in flight when the mode changes, and its answer lands after this line.
        const earlier = new Set(front.deliveries.map((d) => d.messageId));
        const ours = () => front.deliveries.filter((d) => !earlier.has(d.messageId));
        const taskId = await ask(`push-${mode}`);
        await eventually(async () => ours().length >= 2, 30_000);
        expect(ours().every((d) => d.status === 401)).toBe(true);
        expect(handler.calls).toHaveLength(0);
        expect((await bot.stores.tasks.get(taskId))?.status).toBe('PENDING');
        // Google's own token then gets it through, once: nothing was lost or run before.
        front.mode = 'valid';
        expect((await completed(taskId)).attempts).toBe(1);
        expect(handler.calls).toHaveLength(1);
        expect(await replies(`push-${mode}`)).toHaveLength(1);
      } finally {
        front.mode = 'valid';
        await kotae.stop();
      }
    },
    120_000,
  );

  it('acks a task that outlives the ack deadline instead of having it redelivered mid-run', async () => {
    const handler = createScriptedHandler({ hold: true });
    const kotae = await worker(handler);
    front.target = kotae.url;
    try {
      const earlier = new Set(front.deliveries.map((d) => d.messageId));
      const ours = () => front.deliveries.filter((d) => !earlier.has(d.messageId));
      const taskId = await ask('push-long');
      await handler.started();
      // Held past the 10 s ack deadline's hand-off point: the request was answered 200 (acked).
      await eventually(async () => ours().length > 0, 30_000);
      expect(ours()).toEqual([{ messageId: expect.any(String), status: 200 }]);
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      handler.release();
      expect((await completed(taskId)).attempts).toBe(1);
      expect(ours()).toHaveLength(1);
      expect(handler.calls).toHaveLength(1);
      expect(await replies('push-long')).toHaveLength(1);
    } finally {
      await kotae.stop();
    }
  }, 120_000);

  it('runs no more pushed tasks at once than WORKER_CONCURRENCY, answering 429 beyond it', async () => {
    const handler = createScriptedHandler({ hold: true });
    const kotae = await startTestKotae(db, {
      handler,
      roles: { bot: false, worker: true },
      env: { ...env(), WORKER_CONCURRENCY: '1' },
    });
    front.target = kotae.url;
    try {
      const before = front.deliveries.length;
      const first = await ask('push-busy-1');
      await handler.started();
      const second = await ask('push-busy-2');
      await eventually(async () => front.deliveries.slice(before).some((d) => d.status === 429), 30_000);
      expect(handler.calls).toHaveLength(1);
      handler.release();
      expect((await completed(first)).attempts).toBe(1);
      expect((await completed(second)).attempts).toBe(1);
      expect(handler.calls).toHaveLength(2);
      expect(await replies('push-busy-1')).toHaveLength(1);
      expect(await replies('push-busy-2')).toHaveLength(1);
    } finally {
      await kotae.stop();
    }
  }, 120_000);

  it('ends with one answer when the worker is killed mid-task', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(import.meta.dirname, '../support/hanging-worker.ts')], {
      env: {
        ...process.env,
        ...env(),
        PORT: String(port),
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: String(db.poolSize),
        KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-push-crash-')),
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
      front.target = `http://127.0.0.1:${port}`;
      const taskId = await ask('push-crash');
      await eventually(async () => output.includes(`started ${taskId}`), 60_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      healthy = await worker(handler);
      front.target = healthy.url;
      const done = await completed(taskId);
      expect(done.attempts).toBe(2);
      expect(handler.calls).toHaveLength(1);
      expect(await replies('push-crash')).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await healthy?.stop();
    }
  }, 180_000);

  it('ends with one answer when the worker is killed after handing the task off (recovery re-queues it)', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(import.meta.dirname, '../support/hanging-worker.ts')], {
      env: {
        ...process.env,
        ...env(),
        PORT: String(port),
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: String(db.poolSize),
        KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-push-handoff-crash-')),
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
      front.target = `http://127.0.0.1:${port}`;
      const asked = front.deliveries.length;
      const taskId = await ask('push-handoff-crash');
      await eventually(async () => output.includes(`started ${taskId}`), 60_000);
      // Held past the hand-off point: the delivery was acked, so Pub/Sub will not bring it back.
      await eventually(async () => front.deliveries.slice(asked).some((d) => d.status === 200), 30_000);
      expect(front.deliveries.slice(asked)).toEqual([{ messageId: expect.any(String), status: 200 }]);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      healthy = await worker(handler);
      front.target = healthy.url;
      // The bot's recovery sweep re-queues the RUNNING task once its lease expired.
      const done = await completed(taskId);
      expect(done.attempts).toBe(2);
      expect(handler.calls).toHaveLength(1);
      expect(await replies('push-handoff-crash')).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await healthy?.stop();
    }
  }, 180_000);
});
