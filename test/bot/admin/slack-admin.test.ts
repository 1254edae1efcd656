/**
 * Admin verbs on Slack: the real Bolt app against the fake Slack Web API, which answers
 * users.info with each member's roles. If this breaks, a Slack member who is no admin
 * could remap a channel, a workspace owner could not, or the confirm button would do nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/core/locale.ts';
import type { CommandRouter } from '../../../src/core/ports/command-router.ts';
import { testAdminPlane } from '../../support/admin-plane.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { fixture, startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness.ts';

const OWNER = 'U0OWNER01';
const MEMBER = 'U0MEMBER1';
const CHANNEL = 'C2147483705';

let db: TestDatabase;
let slack: SlackHarness;
let plane: Awaited<ReturnType<typeof testAdminPlane>>;
/** The Slack workspace's language, as Kotae keeps it (Workspace.locale). */
let teamLocale: Locale = 'en';

beforeAll(async () => {
  db = await createTestDatabase('postgres');
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  plane = await testAdminPlane(db.prisma);
  const holder: { router?: CommandRouter } = {};
  slack = await startSlackHarness({
    prisma: db.prisma,
    overrides: {
      commands: { handle: (event) => holder.router!.handle(event) },
      localeFor: async () => teamLocale,
    },
  });
  holder.router = plane.routerFor(slack.intake);
  plane.useSlackRoles(slack.app.userRoles);
  slack.fake.addUser(TEAM, OWNER, { isOwner: true });
  slack.fake.addUser(TEAM, MEMBER);
});
afterEach(async () => {
  teamLocale = 'en';
  await slack.close();
  await plane.close();
});

async function command(
  text: string,
  user: string,
): Promise<{ response_type: string; text: string; blocks?: unknown[] }> {
  const fields = { ...fixture<Record<string, string>>('slash_command'), text, user_id: user };
  const response = await slack.sendForm({ ...fields, trigger_id: slack.fake.issueTrigger() });
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

describe('the language of a Slack command answer', () => {
  it("follows the workspace's language, unless the command's words are Japanese", async () => {
    teamLocale = 'ja';
    expect((await command('status', MEMBER)).text).toContain('このチャンネルの設定');
    expect((await command('map retail', MEMBER)).text).toContain('管理者だけ');
    expect((await command('help', MEMBER)).text).toContain('Kotae の使い方');
    teamLocale = 'en';
    expect((await command('status', MEMBER)).text).toContain("This channel's settings");
    expect((await command('map retail', MEMBER)).text).toContain('Only an admin');
    expect((await command('map 売上', MEMBER)).text).toContain('管理者だけ');
  });
});

describe('admin verbs on Slack', () => {
  it('refuses a member who is no Slack admin on every admin verb, naming the admins', async () => {
    await db.prisma.admin.deleteMany();
    // The owner makes U0ADMIN2 an admin, so the refusal has a name to give.
    expect((await command(`admins add <@U0ADMIN2|ann>`, OWNER)).text).toContain('@U0ADMIN2');
    for (const verb of ['map retail', 'unmap', 'mappings', 'admins', 'admins add <@U0X>', 'model', 'audit']) {
      const body = await command(verb, MEMBER);
      expect(body.response_type, verb).toBe('ephemeral');
      expect(body.text, verb).toContain('Only an admin');
      expect(body.text, verb).toContain('@U0ADMIN2');
    }
    // users.info was asked about the member, with the bot token.
    expect(slack.fake.calls('users.info').some((call) => call.params.user === MEMBER)).toBe(true);
    expect(await db.prisma.channelMapping.count()).toBe(0);
  });

  it('lets the workspace owner map the channel, and unmap it with the confirm button', async () => {
    const mapped = await command('map retail max-bytes=500MB', OWNER);
    expect(mapped.text).toContain('retail');
    const mapping = await db.prisma.channelMapping.findFirstOrThrow({ where: { channelId: CHANNEL } });
    expect(mapping.allowedDatasets).toEqual(['retail']);
    expect(mapping.maxBytesBilled).toBe(500n * 1024n ** 2n);

    const ask = await command('unmap', OWNER);
    const actions = (ask.blocks ?? []).find((block) => (block as { type: string }).type === 'actions') as
      { elements: Array<{ action_id: string; value: string }> } | undefined;
    expect(actions?.elements[0]).toMatchObject({ action_id: 'kotae_confirm', value: 'unmap confirm' });
    expect(await db.prisma.channelMapping.count({ where: { channelId: CHANNEL } })).toBe(1);

    // A member pressing the button (say, on a shared screen) is refused: the click runs as them.
    const click = (user: string, id: string) => {
      const payload = fixture<Record<string, unknown> & { actions: Array<Record<string, unknown>> }>(
        'block_actions',
      );
      payload.actions[0]!.action_id = 'kotae_confirm';
      payload.actions[0]!.value = 'unmap confirm';
      return slack.sendInteraction({
        ...payload,
        user: { id: user, team_id: TEAM },
        channel: { id: CHANNEL, name: 'test' },
        container: { type: 'message', channel_id: CHANNEL, is_ephemeral: true },
        response_url: slack.fake.responseUrl(id),
      });
    };
    expect((await click(MEMBER, 'member')).status).toBe(200);
    expect(await db.prisma.channelMapping.count({ where: { channelId: CHANNEL } })).toBe(1);
    expect((await click(OWNER, 'owner')).status).toBe(200);
    await expect.poll(() => db.prisma.channelMapping.count({ where: { channelId: CHANNEL } })).toBe(0);
    const posted = (id: string) =>
      String(slack.fake.state.responseUrlPosts.find((post) => post.id === id)?.body.text);
    await expect.poll(() => posted('member')).toContain('Only an admin');
    await expect.poll(() => posted('owner')).toContain('Removed the mapping');

    const audit = await command('audit', OWNER);
    expect(audit.text).toContain('@u0owner01');
    expect(audit.text).toContain('unmap');
  });
});
