/**
 * `/kotae help` lists every verb Kotae has, in Japanese and English: the ones anyone may
 * use for everyone, the admin ones for admins only. And the budget verbs know a Google
 * Chat admin by email, as the admin verbs do. If this breaks, admins would not learn that
 * `limits` and `usage` exist, or a Chat admin in KOTAE_ADMIN_EMAILS could not set a budget
 * or see the whole workspace's usage.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminPlane, type AdminPlane } from '../../../src/app/admin-plane.ts';
import { createBudgetVerbs } from '../../../src/app/budget-verbs.ts';
import type { Kotae } from '../../../src/app/start-kotae.ts';
import { createStores } from '../../../src/app/stores.ts';
import { createCommandRouter } from '../../../src/bot/commands/command-router.ts';
import { loadConfig } from '../../../src/config/config.ts';
import type { CommandEvent } from '../../../src/core/chat-event.ts';
import { systemClock } from '../../../src/core/clock.ts';
import type { CommandRouter } from '../../../src/core/ports/command-router.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { sharedDemoPath } from '../../support/demo-warehouse.ts';
import { postQuestion, startTestKotae } from '../../support/test-kotae.ts';

const EVERYONE = ['ask', 'help', 'status', 'limits', 'usage', 'digest'];
const ADMIN_ONLY = ['map', 'unmap', 'mappings', 'admins', 'model', 'keys', 'audit'];
const ADMIN = 'boss@example.com';

let db: TestDatabase;
let kotae: Kotae;
let plane: AdminPlane;
let router: CommandRouter;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  // The console's local user is an admin under `kotae dev` (KOTAE_CONSOLE_ADMIN default).
  kotae = await startTestKotae(db, { handler: null, env: { OPENAI_API_KEY: 'sk-test' } });
  const config = loadConfig({
    DATABASE_URL: db.url,
    DUCKDB_PATH: await sharedDemoPath(),
    OPENAI_API_KEY: 'sk-test',
    KOTAE_ADMIN_EMAILS: ADMIN,
    KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-help-')),
    KOTAE_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
  });
  const stores = createStores(db.prisma);
  plane = createAdminPlane(config, stores);
  const budget = createBudgetVerbs({
    config,
    db: db.prisma,
    workspaces: stores.workspaces,
    adminPolicy: plane.policy,
    clock: systemClock,
  });
  router = createCommandRouter({
    intake: null as never,
    defaultLocale: 'en',
    extraVerbs: { ...plane.verbs, ...budget },
  });
});
afterAll(async () => {
  await kotae?.stop();
  await plane?.close();
  await db?.drop();
});

const chat = (text: string, email: string): CommandEvent => ({
  thread: { platform: 'gchat', workspaceId: 'example.com', channelId: 'spaces/HELP', threadId: '' },
  userId: email === ADMIN ? 'users/boss' : 'users/someone',
  userEmail: email,
  text,
  locale: 'en',
});

describe('/kotae help', () => {
  it('lists every verb to an admin, in both languages, each one a verb the router knows', async () => {
    for (const locale of ['en', 'ja'] as const) {
      const { body } = await postQuestion(kotae, { channel: 'general', text: '/kotae help', locale });
      const text = String(body.text);
      expect(text).toContain(locale === 'en' ? 'Admin commands' : '管理者コマンド');
      for (const verb of [...EVERYONE, ...ADMIN_ONLY])
        expect(text, `${locale} ${verb}`).toContain(`/kotae ${verb}`);
      expect(text).toContain('bytes-per-day=');
      expect(text).toContain('questions-per-hour=');
    }
    for (const verb of [...EVERYONE, ...ADMIN_ONLY]) {
      const { body } = await postQuestion(kotae, {
        channel: 'general',
        text: `/kotae ${verb}`,
        locale: 'en',
      });
      expect(String(body.text), verb).not.toContain('There is no');
    }
  });

  it('shows a non-admin the verbs anyone may use, and no admin verb', async () => {
    for (const locale of ['en', 'ja'] as const) {
      const { reply } = await router.handle({ ...chat('help', 'someone@example.com'), locale });
      for (const verb of ['ask', 'help', 'status', 'limits', 'usage'])
        expect(reply.text, `${locale} ${verb}`).toContain(`/kotae ${verb}`);
      for (const verb of ADMIN_ONLY) expect(reply.text, `${locale} ${verb}`).not.toContain(`/kotae ${verb}`);
      expect(reply.text).not.toContain('bytes-per-day=');
    }
  });
});

describe('the budget verbs on Google Chat', () => {
  it('know an admin by the email in KOTAE_ADMIN_EMAILS', async () => {
    const refused = await router.handle(chat('limits bytes-per-day=1TB', 'someone@example.com'));
    expect(refused.reply.kind).toBe('error');
    expect(await db.prisma.channelBudget.count()).toBe(0);
    const set = await router.handle(chat('limits bytes-per-day=1TB', ADMIN));
    expect(set.reply.kind, set.reply.text).toBe('info');
    expect(await db.prisma.channelBudget.count()).toBe(1);
    const usage = await router.handle(chat('usage', ADMIN));
    expect(usage.reply.text).toContain('Workspace usage');
    const own = await router.handle(chat('usage', 'someone@example.com'));
    expect(own.reply.text).toContain('Usage in this channel');
  });
});
