/**
 * Readiness on real failures: Kotae reaches the machine's PostgreSQL through a proxy the
 * test cuts and restores. An operator would notice if /readyz stayed 200 while the database
 * is gone (Cloud Run would keep sending traffic to an instance that cannot store a question),
 * or stayed 503 after it came back; /healthz (liveness) must not follow the database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPubSubClient } from '../../src/queue/pubsub-client.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/readyz and /healthz', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let kotae: Kotae;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.port = String(proxy.port);
    kotae = await startTestKotae(
      { ...db, url: target.toString() },
      { handler: createScriptedHandler(), roles: { bot: true, worker: true } },
    );
  });
  afterAll(async () => {
    await proxy?.open().catch(() => {});
    await kotae?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it('is ready with the database and the queue up', async () => {
    const ready = await get(`${kotae.url}/readyz`);
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', queue: 'ok' } },
    });
  });

  it('turns 503 naming the database while PostgreSQL is unreachable, and 200 when it is back', async () => {
    await proxy.close();
    const down = await eventually(async () => {
      const answer = await get(`${kotae.url}/readyz`);
      return answer.status === 503 ? answer : undefined;
    }, 10_000);
    expect(down.body['status']).toBe('unavailable');
    expect(down.body['failing']).toEqual(['database']);
    expect((down.body['checks'] as Record<string, string>)['queue']).toBe('ok');
    expect((down.body['checks'] as Record<string, string>)['database']).not.toBe('ok');
    // Liveness is not readiness: the process is alive, so it is not restarted.
    expect((await get(`${kotae.url}/healthz`)).status).toBe(200);

    await proxy.open();
    const up = await eventually(async () => {
      const answer = await get(`${kotae.url}/readyz`);
      return answer.status === 200 ? answer : undefined;
    }, 15_000);
    expect(up.body).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });
});

describe('the worker-only process', () => {
  let db: TestDatabase;
  let worker: Kotae;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    worker = await startTestKotae(db, {
      handler: createScriptedHandler(),
      roles: { bot: false, worker: true },
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.drop();
  });

  it('serves /healthz, /readyz and /metrics on its own small server', async () => {
    expect(worker.port).toBeGreaterThan(0);
    const base = worker.url;
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect(await get(`${base}/readyz`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', queue: 'ok' } },
    });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
  });
});

const emulatorHost = inject('pubsubEmulatorHost');

describe.skipIf(!emulatorHost)('/readyz with the Pub/Sub queue', () => {
  let db: TestDatabase;
  let bot: Kotae;
  const topic = `kotae-ready-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    bot = await startTestKotae(db, {
      roles: { bot: true, worker: false },
      env: {
        KOTAE_QUEUE: 'pubsub',
        PUBSUB_PROJECT_ID: 'kotae-test',
        PUBSUB_EMULATOR_HOST: emulatorHost!,
        PUBSUB_TOPIC: topic,
        // As in production: the topic is made by the operator, not by Kotae.
        PUBSUB_CREATE_RESOURCES: 'false',
      },
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await db?.drop();
  });

  it('names the queue while its topic is missing, and is ready once it exists', async () => {
    const missing = await get(`${bot.url}/readyz`);
    expect(missing.status).toBe(503);
    expect(missing.body['failing']).toEqual(['queue']);
    expect((missing.body['checks'] as Record<string, string>)['queue']).toContain(topic);

    await createPubSubClient({ projectId: 'kotae-test', emulatorHost: emulatorHost! }).topic(topic).create();
    expect(await get(`${bot.url}/readyz`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', queue: 'ok' } },
    });
  });
});
