/**
 * `/kotae keys` on Slack: the real Bolt app opens a modal with views.open and the command's
 * trigger_id before acking, and its view_submission stores the key sealed. If this breaks,
 * an admin's key could land in a channel, a table or a log in plaintext, the modal could
 * open after the trigger expired, or bad input would close the modal without saying why.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRouter } from '../../../src/core/ports/command-router.ts';
import { TRIGGER_TTL_MS, type OpenedView } from '../../fakes/slack/admin-methods.ts';
import { viewSubmission } from '../../fakes/slack/interactions.ts';
import { testAdminPlane } from '../../support/admin-plane.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { captureLogger, databaseDump } from '../../support/secret-leaks.ts';
import { fixture, startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness.ts';

const OWNER = 'U0OWNER01';
const KEY = 'sk-proj-SLACKsecret0123456789abcd';

let db: TestDatabase;
let slack: SlackHarness;
let plane: Awaited<ReturnType<typeof testAdminPlane>>;
const { logger: capture, lines: logged } = captureLogger();

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
    logger: capture,
    logLevel: 'debug' as never,
    overrides: {
      commands: { handle: (event) => holder.router!.handle(event) },
      keys: plane.keys,
      // An English-speaking workspace: the command's answer and the modal are in English.
      localeFor: async () => 'en',
    },
  });
  holder.router = plane.routerFor(slack.intake);
  plane.useSlackRoles(slack.app.userRoles);
  slack.fake.addUser(TEAM, OWNER, { isOwner: true });
});
afterEach(async () => {
  await slack.close();
  await plane.close();
});

function submission(view: OpenedView, provider: string, key: string) {
  return viewSubmission(
    { team: TEAM, user: OWNER },
    view,
    { provider: { type: 'static_select', value: provider }, key: { type: 'plain_text_input', value: key } },
    slack.fake.issueTrigger(),
  );
}

describe('/kotae keys on Slack', () => {
  it('opens a modal before the ack, refuses bad input in place, and stores the key sealed', async () => {
    const trigger = slack.fake.issueTrigger();
    const issuedAt = slack.fake.state.triggers.get(trigger)!;
    const fields = { ...fixture<Record<string, string>>('slash_command'), text: 'keys', user_id: OWNER };
    const response = await slack.sendForm({ ...fields, trigger_id: trigger });
    const ack = (await response.json()) as { text: string };
    // views.open happened before the ack was sent, within the trigger's 3 s.
    const opened = slack.fake.state.views;
    expect(opened).toHaveLength(1);
    expect(opened[0]!.triggerId).toBe(trigger);
    expect(opened[0]!.at - issuedAt).toBeLessThan(TRIGGER_TTL_MS);
    expect(opened[0]!.view.callback_id).toBe('kotae_llm_keys');
    expect(ack.text).toContain('opened a form');

    const bad = await slack.sendInteraction(submission(opened[0]!, 'openai', 'not a key'));
    expect(await bad.json()).toMatchObject({
      response_action: 'errors',
      errors: { key: expect.stringContaining('does not look like a key') },
    });
    const badProvider = await slack.sendInteraction(submission(opened[0]!, 'anthropic', KEY));
    expect(await badProvider.json()).toMatchObject({
      response_action: 'errors',
      errors: { provider: expect.any(String) },
    });
    expect(await db.prisma.credential.count()).toBe(0);

    const good = await slack.sendInteraction(submission(opened[0]!, 'openai', KEY));
    expect(good.status).toBe(200);
    const row = await db.prisma.credential.findFirstOrThrow();
    expect(row.provider).toBe('openai');
    expect(row.masked).toBe('sk-…abcd');
    expect(row.secretEnc).not.toContain(KEY);
    await expect
      .poll(() => slack.fake.state.ephemeral.map((message) => message.text ?? '').join('\n'))
      .toContain('sk-…abcd');

    // The key appears nowhere in plaintext: no table, no Slack call, no log line.
    const dump = await databaseDump(db.prisma);
    expect(dump).toContain('sk-…abcd');
    expect(dump).not.toContain(KEY);
    const calls = JSON.stringify(slack.fake.state.calls.map((call) => call.params));
    expect(calls).not.toContain(KEY);
    expect(JSON.stringify(slack.fake.state.ephemeral)).not.toContain(KEY);
    expect(logged.join('\n')).not.toContain(KEY);
    expect(logged.length).toBeGreaterThan(0);

    const audit = await db.prisma.adminAudit.findFirstOrThrow({ where: { action: 'keys.set' } });
    expect(audit.actor).toBe(OWNER);
    expect(audit.after).toBe('sk-…abcd');
  });
});
