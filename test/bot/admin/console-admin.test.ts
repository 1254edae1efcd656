/**
 * The console in production shape: its user is no admin (KOTAE_CONSOLE_ADMIN=false), the
 * warehouse is BigQuery, and nothing is mapped. If this breaks, a console user could change
 * mappings, or an unmapped production channel would query whatever the credentials see.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../../src/app/start-kotae.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { eventually, postQuestion, startTestKotae } from '../../support/test-kotae.ts';

const ADMIN = 'boss@example.com';

let db: TestDatabase;
let fake: FakeOpenAI;
let kotae: Kotae;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  fake = await startFakeOpenAI();
  kotae = await startTestKotae(db, {
    handler: null,
    env: {
      KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-admin-')),
      KOTAE_WAREHOUSE: 'bigquery',
      BIGQUERY_PROJECT_ID: 'acme-analytics',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-global',
      KOTAE_ADMIN_EMAILS: ADMIN,
      KOTAE_CONSOLE_ADMIN: 'false',
    },
  });
});
afterAll(async () => {
  await kotae?.stop();
  await fake?.close();
  await db?.drop();
});

describe('the console without admin rights', () => {
  it('refuses every admin verb, only to the sender, naming the admins', async () => {
    for (const locale of ['en', 'ja']) {
      for (const verb of ['map retail', 'unmap', 'mappings', 'admins', 'admins add x', 'model', 'audit']) {
        const { status, body } = await postQuestion(kotae, {
          channel: 'general',
          text: `/kotae ${verb}`,
          locale,
        });
        expect(status).toBe(200);
        expect(body.ephemeral).toBe(true);
        expect(String(body.text), verb).toContain(locale === 'en' ? 'Only an admin' : '管理者だけ');
        expect(String(body.text), verb).toContain(ADMIN);
      }
    }
    const help = await postQuestion(kotae, { channel: 'general', text: '/kotae help', locale: 'en' });
    expect(String(help.body.text)).not.toContain('/kotae map');
    expect(await db.prisma.consoleMessage.count()).toBe(0);
    expect(await db.prisma.channelMapping.count()).toBe(0);
  });
});

describe('a production channel nobody mapped', () => {
  it('answers how an admin maps it, and runs no query', async () => {
    const { status, body } = await postQuestion(kotae, {
      channel: 'sales',
      text: 'Sales last month?',
      locale: 'en',
    });
    expect(status).toBe(202);
    const task = await eventually(async () => {
      const row = await db.prisma.task.findUnique({ where: { id: String(body.taskId) } });
      return row?.status === 'FAILED' ? row : undefined;
    });
    expect(task.errorMessage).toContain('/kotae map <dataset>');
    const thread = await db.prisma.consoleMessage.findMany({ where: { threadId: String(body.threadId) } });
    expect(JSON.stringify(thread.map((m) => m.content))).toContain('No data is mapped to this channel yet');
    expect(fake.completions()).toHaveLength(0);
    expect(await db.prisma.queryLog.count()).toBe(0);
  });
});
