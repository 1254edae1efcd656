/**
 * A key entered through the console's key form is what that workspace's next model
 * request carries: the fake OpenAI server sees it in Authorization, and it is stored only
 * sealed and shown only masked. If this breaks, a company paying with its own key would
 * be billed to the operator's key, or its key would sit in the database in plaintext.
 */
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const KEY = 'sk-proj-WORKSPACEkey0123456789wxyz';

let db: TestDatabase;
let fake: FakeOpenAI;
let kotae: Kotae;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  fake = await startFakeOpenAI();
  fake.script({ text: 'done' });
  kotae = await startTestKotae(db, {
    handler: null,
    env: {
      KOTAE_DATA_DIR: dirname(await sharedDemoPath()),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-global-operator-key',
    },
  });
});
afterAll(async () => {
  await kotae?.stop();
  await fake?.close();
  await db?.drop();
});

describe('a workspace key', () => {
  it('is stored sealed, shown masked, and carried by the next model request', async () => {
    const form = await postQuestion(kotae, { channel: 'general', text: '/kotae keys', locale: 'en' });
    expect(form.body.form).toBe('llm_keys');
    const response = await fetch(`${kotae.url}/api/console/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'openai', key: KEY, locale: 'en' }),
    });
    const saved = (await response.json()) as { text: string; masked: string };
    expect(response.status).toBe(200);
    expect(saved.masked).toBe('sk-…wxyz');
    expect(saved.text).not.toContain(KEY);
    const row = await db.prisma.credential.findFirstOrThrow();
    expect(row.secretEnc).not.toContain(KEY);

    const asked = await postQuestion(kotae, { channel: 'general', text: 'Hello?', locale: 'en' });
    expect(asked.status).toBe(202);
    await eventually(async () => fake.requests.length > 0);
    expect(fake.requests[0]!.headers['authorization']).toBe(`Bearer ${KEY}`);
    const messages = await db.prisma.consoleMessage.findMany();
    expect(JSON.stringify(messages)).not.toContain(KEY);
  });
});
