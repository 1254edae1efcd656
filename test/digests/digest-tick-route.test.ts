/**
 * The tick as production and `kotae dev` drive it, through the real composition root:
 * Cloud Scheduler's POST /internal/digests/tick with an OIDC token, and the embedded
 * minute timer. If this broke, anyone could trigger digests (spending warehouse bytes), a
 * genuine Scheduler call would be refused, or `kotae dev` would never deliver a digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createSubscriptionStore } from '../../src/store/subscription-store.ts';
import { createGoogleSigner } from '../fakes/gchat/google-signer.ts';
import { startFakeGoogleCerts, type FakeGoogleCerts } from '../fakes/gchat/fake-google-certs.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const AUDIENCE = 'https://kotae.example.run.app/internal/digests/tick';
const SCHEDULER = 'digest-scheduler@kotae-prod.iam.gserviceaccount.com';
const SQL = "SELECT count(*) AS receipts FROM retail.sales WHERE sale_date = DATE '2026-10-31'";

const google = createGoogleSigner();
let certs: FakeGoogleCerts;
let db: TestDatabase;

function token(overrides: Record<string, unknown> = {}): string {
  const iat = Math.floor(Date.now() / 1000);
  return google.sign({
    iss: 'https://accounts.google.com',
    aud: AUDIENCE,
    sub: '42',
    email: SCHEDULER,
    email_verified: true,
    iat,
    exp: iat + 3600,
    ...overrides,
  });
}

async function subscribe(kotae: Pick<Kotae, 'stores'>, channelId: string) {
  const workspace = await kotae.stores.workspaces.ensure('console', 'local', {
    locale: 'en',
    timeZone: 'UTC',
  });
  return createSubscriptionStore(kotae.stores.db).create({
    workspaceId: workspace.id,
    thread: { platform: 'console', workspaceId: 'local', channelId, threadId: '' },
    name: 'Receipts on Halloween',
    question: 'receipts on 2026-10-31',
    sql: SQL,
    // Every minute: whatever the wall clock, a slot is due now.
    schedule: 'cron * * * * *',
    timeZone: 'Asia/Tokyo',
    locale: 'en',
    createdBy: 'local-user',
    createdAt: new Date(Date.now() - 120_000),
  });
}

async function digestPosts(kotae: Kotae, channelId: string) {
  const threads = await kotae.stores.consoleMessages.listThreads(channelId, 20);
  const roots = await Promise.all(
    threads.map(
      async (thread) => (await kotae.stores.consoleMessages.listThread(channelId, thread.threadId))[0],
    ),
  );
  return roots.filter((message) => JSON.stringify(message?.content ?? '').includes('Receipts on Halloween'));
}

beforeAll(async () => {
  certs = await startFakeGoogleCerts(google);
  db = await createTestDatabase('postgres');
});
afterAll(async () => {
  await certs?.close();
  await db?.drop();
});

describe('POST /internal/digests/tick', () => {
  it('refuses a forged or foreign token and ticks for Cloud Scheduler', async () => {
    const kotae = await startTestKotae(db, {
      env: {
        DUCKDB_PATH: await sharedDemoPath(),
        DIGEST_TICK_AUDIENCE: AUDIENCE,
        DIGEST_TICK_SERVICE_ACCOUNT: SCHEDULER,
        DIGEST_TICK_CERTS_URL: certs.oauthCertsUrl,
        DIGEST_TIMER: 'off',
      },
    });
    try {
      await subscribe(kotae, 'sales');
      const call = (bearer?: string) =>
        fetch(`${kotae.url}/internal/digests/tick`, {
          method: 'POST',
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        });
      expect((await call()).status).toBe(401);
      expect((await call(token({ email: 'someone@evil.example' }))).status).toBe(401);
      expect((await call(token({ aud: 'https://elsewhere.example/tick' }))).status).toBe(401);
      expect(await db.prisma.digestRun.count()).toBe(0);

      const ok = await call(token());
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ ok: true, enqueued: 1 });
      // Scheduler retries are harmless: the same slot makes no second run.
      expect(await (await call(token())).json()).toMatchObject({ ok: true, enqueued: 0 });
      const posts = await eventually(async () => {
        const found = await digestPosts(kotae, 'sales');
        return found.length > 0 ? found : undefined;
      });
      expect(posts).toHaveLength(1);
    } finally {
      await kotae.stop();
    }
  });
});

describe('the embedded minute timer', () => {
  it('ticks on its own in the embedded mode and posts the digest', async () => {
    // Subscribed before the process starts: nothing but the timer can deliver it.
    const workspace = await db.prisma.workspace.findFirstOrThrow({ where: { platform: 'CONSOLE' } });
    await createSubscriptionStore(db.prisma).create({
      workspaceId: workspace.id,
      thread: { platform: 'console', workspaceId: 'local', channelId: 'marketing', threadId: '' },
      name: 'Receipts on Halloween',
      question: 'receipts on 2026-10-31',
      sql: SQL,
      schedule: 'cron * * * * *',
      timeZone: 'Asia/Tokyo',
      locale: 'en',
      createdBy: 'local-user',
      createdAt: new Date(Date.now() - 120_000),
    });
    const kotae = await startTestKotae(db, { env: { DUCKDB_PATH: await sharedDemoPath() } });
    try {
      const posts = await eventually(async () => {
        const found = await digestPosts(kotae, 'marketing');
        return found.length > 0 ? found : undefined;
      });
      expect(posts).toHaveLength(1);
    } finally {
      await kotae.stop();
    }
  });
});
