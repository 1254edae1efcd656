/**
 * The console on `kotae bot`: absent unless KOTAE_CONSOLE=iap, and then only for requests
 * carrying a valid IAP token. If this broke, anyone who found the Cloud Run URL could spend
 * LLM tokens and warehouse bytes, and read the answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../../src/app/start-kotae.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { startTestKotae } from '../../support/test-kotae.ts';
import { createIapSigner, iapClaims, startFakeIapKeys, type FakeIapKeys } from '../../fakes/iap/fake-iap.ts';

const AUDIENCE = '/projects/123456789/global/backendServices/987654321';
const ALICE = 'alice@example.co.jp';
const iap = createIapSigner();
const attacker = createIapSigner();

let db: TestDatabase;
let keys: FakeIapKeys;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  keys = await startFakeIapKeys(iap);
});
afterAll(async () => {
  await keys?.close();
  await db?.drop();
});

async function stored(kotae: Kotae) {
  return {
    tasks: await kotae.stores.db.task.count(),
    messages: await kotae.stores.db.consoleMessage.count(),
    feedback: await kotae.stores.db.feedback.count(),
  };
}

function post(kotae: Kotae, path: string, body: unknown, token?: string) {
  return fetch(`${kotae.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-goog-iap-jwt-assertion': token } : {}) },
    body: JSON.stringify(body),
  });
}

describe('console on kotae bot without KOTAE_CONSOLE', () => {
  it('does not exist, and start-up says so', async () => {
    const lines: string[] = [];
    const logger = captureLogger(lines);
    const kotae = await startTestKotae(db, {
      roles: { bot: true, worker: false },
      console: 'configured',
      logger,
    });
    try {
      for (const path of [
        '/',
        '/console/app.js',
        '/api/console/channels',
        '/api/console/events?channel=general',
      ]) {
        expect((await fetch(`${kotae.url}${path}`)).status, path).toBe(404);
      }
      const before = await stored(kotae);
      const response = await post(kotae, '/api/console/messages', { channel: 'general', text: '売上は？' });
      expect(response.status).toBe(404);
      expect(await stored(kotae)).toEqual(before);
      expect(lines.some((line) => line.startsWith('console: off'))).toBe(true);
    } finally {
      await kotae.stop();
    }
  });
});

describe('console on kotae bot with KOTAE_CONSOLE=iap', () => {
  let kotae: Kotae;
  const lines: string[] = [];

  beforeAll(async () => {
    kotae = await startTestKotae(db, {
      roles: { bot: true, worker: false },
      console: 'configured',
      logger: captureLogger(lines),
      env: { KOTAE_CONSOLE: 'iap', IAP_AUDIENCE: AUDIENCE, IAP_CERTS_URL: keys.url },
    });
  });
  afterAll(() => kotae?.stop());

  it('logs that the console is behind IAP', () => {
    expect(lines.some((line) => line.startsWith('console: behind IAP'))).toBe(true);
  });

  it.each([
    ['a missing token', () => undefined],
    [
      'an expired token',
      () => iap.sign(iapClaims(AUDIENCE, ALICE, { iat: 1_700_000_000, exp: 1_700_000_600 })),
    ],
    ['a token for another backend', () => iap.sign(iapClaims('/projects/1/global/backendServices/2', ALICE))],
    ['another issuer', () => iap.sign(iapClaims(AUDIENCE, ALICE, { iss: 'https://accounts.google.com' }))],
    [
      'a forged token (a key IAP never published)',
      () => attacker.sign(iapClaims(AUDIENCE, ALICE), { kid: iap.kid }),
    ],
    ['an unsigned token', () => `${iap.sign(iapClaims(AUDIENCE, ALICE)).split('.').slice(0, 2).join('.')}.`],
    ['garbage', () => 'not-a-jwt'],
  ])('refuses %s with 401 and stores nothing', async (_name, token) => {
    const before = await stored(kotae);
    const posted = await post(
      kotae,
      '/api/console/messages',
      { channel: 'general', text: '売上は？' },
      token(),
    );
    expect(posted.status).toBe(401);
    const feedback = await post(
      kotae,
      '/api/console/feedback',
      { taskId: '7d0c5d34-9d3f-4a43-9d7e-2a4b4f1f6e01', value: 'up' },
      token(),
    );
    expect(feedback.status).toBe(401);
    const headers = token() ? { 'x-goog-iap-jwt-assertion': token()! } : undefined;
    expect((await fetch(`${kotae.url}/api/console/channels`, { headers })).status).toBe(401);
    expect((await fetch(`${kotae.url}/`, { headers })).status).toBe(401);
    expect(await stored(kotae)).toEqual(before);
  });

  it('posts as the verified email with a valid token', async () => {
    const token = iap.sign(iapClaims(AUDIENCE, ALICE));
    const page = await fetch(`${kotae.url}/`, { headers: { 'x-goog-iap-jwt-assertion': token } });
    expect(page.status).toBe(200);
    const response = await post(
      kotae,
      '/api/console/messages',
      { channel: 'general', text: '売上は？' },
      token,
    );
    expect(response.status).toBe(202);
    const { taskId, messageId } = (await response.json()) as { taskId: string; messageId: string };
    const task = await kotae.stores.db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.userId).toBe(ALICE);
    const message = await kotae.stores.db.consoleMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(message.userId).toBe(ALICE);
  });
});

function captureLogger(lines: string[]): Logger {
  const write = (message: string) => void lines.push(message);
  return { debug: () => {}, info: write, warn: write, error: write };
}
