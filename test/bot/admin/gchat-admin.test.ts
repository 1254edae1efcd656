/**
 * Admin verbs on Google Chat: signed events into the real HTTP endpoint, answered
 * privately through the one router. Chat admins are the emails in KOTAE_ADMIN_EMAILS.
 * If this breaks, anyone in a space could remap it, or the refusal would not say whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvent, type ChatEventJson } from '../../fakes/gchat/chat-events.ts';
import { testAdminPlane } from '../../support/admin-plane.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { startGchatStack, type GchatStack } from '../../support/gchat-stack.ts';

/** Fixture JSON, edited in place. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON edited field by field
type Loose = Record<string, any>;

const SPACE = 'spaces/AAAAadmin01';
const ADMIN = 'boss@example.com';

let db: TestDatabase;
let stack: GchatStack;
let plane: Awaited<ReturnType<typeof testAdminPlane>>;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  plane = await testAdminPlane(db.prisma, { KOTAE_ADMIN_EMAILS: ADMIN });
  stack = await startGchatStack({ db, commands: (intake) => plane.routerFor(intake) });
});
afterAll(async () => {
  await stack?.close();
  await plane?.close();
  await db?.drop();
});

function slash(text: string, email: string, locale = 'en'): ChatEventJson {
  const event = chatEvent('slash-command', { space: SPACE }) as Loose;
  event.message.text = `/kotae ${text}`;
  event.message.argumentText = ` ${text}`;
  event.user.email = email;
  event.message.sender.email = email;
  event.common.userLocale = locale;
  return event;
}

async function send(event: ChatEventJson): Promise<{ text: string; privateMessageViewer?: unknown }> {
  const response = await stack.postEvent(event);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    text?: string;
    cardsV2?: unknown;
    privateMessageViewer?: unknown;
  };
  return {
    text: `${body.text ?? ''}\n${JSON.stringify(body.cardsV2 ?? '')}`,
    privateMessageViewer: body.privateMessageViewer,
  };
}

describe('admin verbs on Google Chat', () => {
  it('refuses someone not in KOTAE_ADMIN_EMAILS on every admin verb, privately, naming the admins', async () => {
    for (const verb of ['map retail', 'unmap', 'mappings', 'admins', 'model', 'audit']) {
      const en = await send(slash(verb, 'someone@example.com'));
      expect(en.text, verb).toContain('Only an admin');
      expect(en.text, verb).toContain(ADMIN);
      expect(en.privateMessageViewer, verb).toBeDefined();
      const ja = await send(slash(verb, 'someone@example.com', 'ja'));
      expect(ja.text, verb).toContain('管理者だけ');
    }
    expect(await db.prisma.channelMapping.count()).toBe(0);
  });

  it('lets an admin map the space and unmap it with the confirm button', async () => {
    expect((await send(slash('map retail', ADMIN))).text).toContain('Mapped this channel');
    expect(await db.prisma.channelMapping.count({ where: { channelId: SPACE } })).toBe(1);
    const ask = await send(slash('unmap', ADMIN));
    expect(ask.text).toContain('kotae_confirm');
    expect(await db.prisma.channelMapping.count({ where: { channelId: SPACE } })).toBe(1);

    const click = (email: string) => {
      const event = chatEvent('card-clicked', { space: SPACE }) as Loose;
      event.user.email = email;
      event.action = {
        actionMethodName: 'kotae_confirm',
        parameters: [{ key: 'command', value: 'unmap confirm' }],
      };
      event.common = {
        hostApp: 'CHAT',
        invokedFunction: 'kotae_confirm',
        parameters: { command: 'unmap confirm' },
      };
      return event;
    };
    expect((await send(click('someone@example.com'))).text).toContain('Only an admin');
    expect(await db.prisma.channelMapping.count({ where: { channelId: SPACE } })).toBe(1);
    expect((await send(click(ADMIN))).text).toContain('Removed the mapping');
    expect(await db.prisma.channelMapping.count({ where: { channelId: SPACE } })).toBe(0);
    expect((await send(slash('audit', ADMIN))).text).toContain('unmap');
  });
});
