/**
 * The admin verbs through the one command router, on a real database, with the datasets
 * checked against the real DuckDB demo backend. If this breaks, a non-admin could remap a
 * channel, bad input could be half-saved, or an admin change could go unrecorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminPlane, type AdminPlane } from '../../../src/app/admin-plane.ts';
import { createStores } from '../../../src/app/stores.ts';
import { createCommandRouter } from '../../../src/bot/commands/command-router.ts';
import { loadConfig } from '../../../src/config/config.ts';
import type { CommandEvent, Platform } from '../../../src/core/chat-event.ts';
import type { Locale } from '../../../src/core/locale.ts';
import type { CommandRouter } from '../../../src/core/ports/command-router.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { sharedDemoPath } from '../../support/demo-warehouse.ts';

const ADMIN_EMAIL = 'boss@example.com';
const GLOBAL_CAP = 10 * 1024 ** 3;

let db: TestDatabase;
let plane: AdminPlane;
let router: CommandRouter;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  const config = loadConfig({
    DATABASE_URL: db.url,
    DUCKDB_PATH: await sharedDemoPath(),
    MAX_BYTES_BILLED: String(GLOBAL_CAP),
    OPENAI_API_KEY: 'sk-test',
    KOTAE_ADMIN_EMAILS: ADMIN_EMAIL,
    KOTAE_CONSOLE_ADMIN: 'false',
    KOTAE_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
  });
  plane = createAdminPlane(config, createStores(db.prisma));
  // A Slack workspace whose owner is U0OWNER (users.info is_owner), as the fake would say.
  plane.useSlackRoles(async (_team, user) => ({ isOwner: user === 'U0OWNER', isAdmin: false }));
  router = createCommandRouter({ intake: null as never, defaultLocale: 'ja', extraVerbs: plane.verbs });
});

afterAll(async () => {
  await plane?.close();
  await db?.drop();
});

function run(
  text: string,
  who: { platform?: Platform; user?: string; email?: string; channel?: string; locale?: Locale } = {},
) {
  const platform = who.platform ?? 'gchat';
  const event: CommandEvent = {
    thread: {
      platform,
      workspaceId: platform === 'slack' ? 'T1' : platform === 'gchat' ? 'example.com' : 'local',
      channelId: who.channel ?? 'spaces/A',
      threadId: '',
    },
    userId: who.user ?? 'users/boss',
    ...(who.email === undefined ? { userEmail: ADMIN_EMAIL } : who.email ? { userEmail: who.email } : {}),
    text,
    locale: who.locale ?? 'en',
  };
  return router.handle(event);
}

const outsider = { user: 'users/someone', email: 'someone@example.com' };
const ADMIN_VERBS = [
  'map retail',
  'map default retail',
  'unmap',
  'mappings',
  'admins',
  'admins add users/x',
  'admins remove users/x',
  'model',
  'model openai/gpt-4.1',
  'audit',
];

describe('who may use admin verbs', () => {
  it('refuses a non-admin on every admin verb, in their language, naming the admins', async () => {
    for (const verb of ADMIN_VERBS) {
      const en = await run(verb, outsider);
      expect(en.reply.kind, verb).toBe('error');
      expect(en.reply.text, verb).toContain('Only an admin');
      expect(en.reply.text, verb).toContain(ADMIN_EMAIL);
      expect(en.ephemeral).toBe(true);
      const ja = await run(verb, { ...outsider, locale: 'ja' });
      expect(ja.reply.text, verb).toContain('管理者だけ');
      expect(ja.reply.text, verb).toContain(ADMIN_EMAIL);
    }
    // The console's local user is no admin when KOTAE_CONSOLE_ADMIN=false.
    const console = await run('map retail', {
      platform: 'console',
      user: 'local-user',
      email: '',
      channel: 'general',
    });
    expect(console.reply.text).toContain('Only an admin');
    // Slack: users.info decides; the refusal names who to ask.
    expect(
      (await run('mappings', { platform: 'slack', user: 'U0NOBODY', email: '', channel: 'C1' })).reply.kind,
    ).toBe('error');
    expect(
      (await run('mappings', { platform: 'slack', user: 'U0OWNER', email: '', channel: 'C1' })).reply.kind,
    ).toBe('info');
    expect(await db.prisma.channelMapping.count()).toBe(0);
    expect(await db.prisma.adminAudit.count()).toBe(0);
  });

  it('shows the admin verbs in help only to admins', async () => {
    expect((await run('help')).reply.text).toContain('Admin commands');
    expect((await run('help')).reply.text).toContain('/kotae map');
    const plain = await run('help', outsider);
    expect(plain.reply.text).toContain('How to use Kotae');
    expect(plain.reply.text).not.toContain('/kotae map');
  });

  it('lets anyone see status', async () => {
    const status = await run('status', outsider);
    expect(status.reply.kind).toBe('info');
    expect(status.reply.text).toContain('Byte cap per query: 10');
    expect(status.reply.text).toContain(ADMIN_EMAIL);
  });
});

describe('bad input is answered with usage and saves nothing', () => {
  const cases: Array<[string, RegExp, RegExp]> = [
    ['map retial', /Did you mean `retail`\?/, /`retail` のことですか/],
    ['map nosuchthing', /does not exist or cannot be read/, /見つからないか/],
    ['map retail max-bytes=lots', /is not a size/, /サイズとして読めません/],
    ['map retail max-bytes=1TB', /above the server cap/, /サーバーの上限/],
    ['map retail max-bytes=1GB max-bytes=2GB', /Too many arguments/, /引数が多すぎます/],
    ['map retail colour=blue', /There is no option/, /オプションはありません/],
    ['model anthropic/claude-9', /not an available provider/, /使えるプロバイダではありません/],
    ['model openai/gpt-4.1 extra', /Usage:/, /使い方:/],
  ];
  for (const [text, en, ja] of cases) {
    it(`/kotae ${text}`, async () => {
      const english = await run(text);
      expect(english.reply.kind).toBe('error');
      expect(english.reply.text).toMatch(en);
      expect(english.reply.text).toMatch(/Usage: `\/kotae (map|model)/);
      expect(english.reply.text).toMatch(/Example: `\/kotae/);
      const japanese = await run(text, { locale: 'ja' });
      expect(japanese.reply.text).toMatch(ja);
      expect(japanese.reply.text).toMatch(/使い方: `\/kotae/);
      expect(japanese.reply.text).toMatch(/例: `\/kotae/);
      expect(await db.prisma.channelMapping.count()).toBe(0);
      expect((await db.prisma.workspace.findMany()).every((w) => w.model === null)).toBe(true);
      expect(await db.prisma.adminAudit.count()).toBe(0);
    });
  }
});

describe('admin changes', () => {
  it('maps, lists, unmaps with confirmation, manages admins and the model, and audits each', async () => {
    const mapped = await run('map retail max-bytes=1GB', { channel: 'spaces/A' });
    expect(mapped.reply.kind).toBe('info');
    expect(mapped.reply.text).toContain('`retail`');
    expect((await run('map default hr')).reply.kind).toBe('info');
    const status = await run('status', { ...outsider, channel: 'spaces/A' });
    expect(status.reply.text).toContain('`retail`');
    expect(status.reply.text).toContain("this channel's mapping");
    expect((await run('status', { ...outsider, channel: 'spaces/B' })).reply.text).toContain('`hr`');
    const list = await run('mappings');
    expect(list.reply.text).toContain('spaces/A');
    expect(list.reply.text).toContain('default');

    const ask = await run('unmap', { channel: 'spaces/A' });
    expect(ask.reply.text).toContain('/kotae unmap confirm');
    expect(await db.prisma.channelMapping.count()).toBe(2);
    expect((await run('unmap confirm', { channel: 'spaces/A' })).reply.text).toContain('Removed the mapping');
    expect(await db.prisma.channelMapping.count()).toBe(1);

    expect((await run('admins add users/alice')).reply.text).toContain('Added users/alice');
    expect((await run('admins add users/carol')).reply.kind).toBe('info');
    const confirm = await run('admins remove users/carol');
    expect(confirm.reply.text).toContain('/kotae admins remove users/carol confirm');
    expect((await run('admins remove users/carol confirm')).reply.text).toContain('Removed users/carol');
    // users/alice is now the last admin in the table: removing her is refused, even when confirmed.
    expect((await run('admins remove users/alice', { locale: 'ja' })).reply.text).toContain('最後の管理者');
    expect((await run('admins remove users/alice confirm')).reply.text).toContain('last admin');
    expect(await db.prisma.admin.count()).toBe(1);

    expect((await run('model openai/gpt-4.1')).reply.text).toContain('openai/gpt-4.1');
    expect((await db.prisma.workspace.findFirst({ where: { externalId: 'example.com' } }))?.model).toBe(
      'openai/gpt-4.1',
    );

    const audit = await run('audit');
    const text = audit.reply.text;
    for (const action of ['`map`', '`unmap`', '`admins.add`', '`admins.remove`', '`model`'])
      expect(text).toContain(action);
    expect(text).toContain('users/boss');
    expect(text).toContain('"openai/gpt-4.1"');
    const rows = await db.prisma.adminAudit.findMany();
    expect(rows.map((row) => row.action).sort()).toEqual(
      ['admins.add', 'admins.add', 'admins.remove', 'map', 'map', 'model', 'unmap'].sort(),
    );
    expect(rows.every((row) => row.actor === 'users/boss')).toBe(true);
  });
});
