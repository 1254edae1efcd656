/**
 * `/kotae keys` on Google Chat: over the HTTP endpoint the command is answered with a
 * dialog (actionResponse DIALOG with a text input), at once when the command is a dialog
 * request, else through a private button that opens it; its SUBMIT_DIALOG stores the key
 * sealed, closes with a masked confirmation and is audited; the workspace's next question
 * reaches the model with that key. Over Pub/Sub, where Google supports no dialogs, the
 * verb says so. If this breaks, a Chat admin could not enter a key, or the key would land
 * in a table, a log line or a posted message in plaintext, or be billed to the global key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQuestionHandler, type QuestionHandler } from '../../../src/app/question-handler.ts';
import { createProcessWarehouse, type ProcessWarehouse } from '../../../src/app/process-warehouse.ts';
import { createWarehouse } from '../../../src/app/warehouse.ts';
import { handleChatPubSubEvent } from '../../../src/bot/gchat/gchat-pubsub-event.ts';
import { KEY_DIALOG_OPEN, KEY_DIALOG_SAVE } from '../../../src/bot/gchat/gchat-key-dialog.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { systemClock } from '../../../src/core/clock.ts';
import { chatEvent, type ChatEventJson } from '../../fakes/gchat/chat-events.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/server.ts';
import { testAdminPlane } from '../../support/admin-plane.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { sharedDemoPath } from '../../support/demo-warehouse.ts';
import { startGchatStack, type GchatStack } from '../../support/gchat-stack.ts';
import { captureLogger, databaseDump } from '../../support/secret-leaks.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON edited field by field
type Loose = Record<string, any>;

const SPACE = 'spaces/AAAAkeys01';
const ADMIN = 'boss@example.com';
const KEY = 'sk-proj-CHATdialogSecret0123456789wxyz';
const MASKED = 'sk-…wxyz';

let db: TestDatabase;
let fake: FakeOpenAI;
let stack: GchatStack;
let questions: QuestionHandler;
let warehouse: ProcessWarehouse;
let plane: Awaited<ReturnType<typeof testAdminPlane>>;
const { logger, lines: logged } = captureLogger();
/** Every synchronous answer the endpoint gave. */
const answers: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  fake = await startFakeOpenAI();
  const env = {
    KOTAE_ADMIN_EMAILS: ADMIN,
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-global-operator-key',
  };
  plane = await testAdminPlane(db.prisma, env);
  const config = loadConfig({
    DUCKDB_PATH: await sharedDemoPath(),
    KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-gchat-keys-')),
    KOTAE_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    ...env,
  });
  warehouse = createProcessWarehouse(() =>
    createWarehouse(config, db.prisma, logger, { clock: systemClock }),
  );
  questions = (await createQuestionHandler(config, db.prisma, warehouse, logger, systemClock))!;
  stack = await startGchatStack({
    db,
    commands: (intake) => plane.routerFor(intake),
    keys: plane.keys,
    logger,
    handler: questions.handler,
  });
  await stack.startWorker();
});
afterAll(async () => {
  await stack?.close();
  await questions?.close();
  await warehouse?.close();
  await plane?.close();
  await fake?.close();
  await db?.drop();
});

function withUser(event: Loose, email: string, locale: string): Loose {
  event.user.email = email;
  if (event.message?.sender) event.message.sender.email = email;
  event.common = { ...event.common, userLocale: locale };
  return event;
}

function slash(text: string, email: string, locale = 'en'): ChatEventJson {
  const event = chatEvent('slash-command', { space: SPACE }) as Loose;
  event.message.text = `/kotae ${text}`;
  event.message.argumentText = ` ${text}`;
  return withUser(event, email, locale);
}

/** The same command, from a slash command configured to open a dialog. */
function dialogRequest(text: string, email: string, locale = 'en'): ChatEventJson {
  return { ...slash(text, email, locale), isDialogEvent: true, dialogEventType: 'REQUEST_DIALOG' };
}

/** A click on the "Enter a key" button (interaction OPEN_DIALOG). */
function buttonClicked(email: string, locale = 'en'): ChatEventJson {
  const event = chatEvent('card-clicked', { space: SPACE }) as Loose;
  event.isDialogEvent = true;
  event.dialogEventType = 'REQUEST_DIALOG';
  event.action = { actionMethodName: KEY_DIALOG_OPEN, parameters: [{ key: 'locale', value: locale }] };
  event.common = { hostApp: 'CHAT', invokedFunction: KEY_DIALOG_OPEN, parameters: { locale } };
  return withUser(event, email, locale);
}

function submitted(provider: string, key: string, email = ADMIN): ChatEventJson {
  const event = chatEvent('card-clicked', { space: SPACE }) as Loose;
  event.isDialogEvent = true;
  event.dialogEventType = 'SUBMIT_DIALOG';
  event.action = { actionMethodName: KEY_DIALOG_SAVE, parameters: [{ key: 'locale', value: 'en' }] };
  event.common = {
    hostApp: 'CHAT',
    invokedFunction: KEY_DIALOG_SAVE,
    parameters: { locale: 'en' },
    formInputs: {
      provider: { stringInputs: { value: [provider] } },
      key: { stringInputs: { value: [key] } },
    },
  };
  return withUser(event, email, 'en');
}

async function send(event: ChatEventJson): Promise<Loose> {
  const response = await stack.postEvent(event);
  expect(response.status).toBe(200);
  const text = await response.text();
  answers.push(text);
  return JSON.parse(text) as Loose;
}

const dialogOf = (body: Loose) => body['actionResponse']?.dialogAction?.dialog?.body as Loose | undefined;
const widgetsOf = (body: Loose): Loose[] => dialogOf(body)?.['sections'][0].widgets ?? [];

describe('/kotae keys on Google Chat over HTTP', () => {
  it('opens a dialog, refuses bad input in place, stores the key sealed and uses it for the next question', async () => {
    // A plain `/kotae keys` answers privately with a button that opens the dialog…
    const offered = await send(slash('keys', ADMIN));
    expect(offered['privateMessageViewer']).toBeDefined();
    expect(offered['text']).toContain('Stored keys');
    const button = offered['cardsV2'][0].card.sections[0].widgets[0].buttonList.buttons[0];
    expect(button.onClick.action).toMatchObject({ function: KEY_DIALOG_OPEN, interaction: 'OPEN_DIALOG' });
    // …and the click is answered with the dialog.
    const clicked = await send(buttonClicked(ADMIN));
    expect(clicked['actionResponse'].type).toBe('DIALOG');
    expect(widgetsOf(clicked).some((w) => w['textInput']?.name === 'key')).toBe(true);

    // A command configured to open a dialog gets it at once.
    const opened = await send(dialogRequest('keys', ADMIN));
    expect(opened['actionResponse'].type).toBe('DIALOG');
    expect(opened['privateMessageViewer']).toBeUndefined();
    const widgets = widgetsOf(opened);
    expect(widgets.find((w) => w['textInput'])?.['textInput']).toMatchObject({ name: 'key' });
    expect(widgets.find((w) => w['selectionInput'])?.['selectionInput']).toMatchObject({
      name: 'provider',
      type: 'DROPDOWN',
      items: [{ value: 'openai' }],
    });
    expect(dialogOf(opened)!['fixedFooter'].primaryButton.onClick.action.function).toBe(KEY_DIALOG_SAVE);
    // In the asker's language.
    expect(dialogOf(await send(dialogRequest('keys', ADMIN, 'ja')))!['header'].title).toBe('LLM キー');
    expect(dialogOf(await send(buttonClicked(ADMIN, 'ja')))!['header'].title).toBe('LLM キー');
    // Neither the person's language nor the button's: the configured one (ja in this stack).
    const bare = buttonClicked(ADMIN) as Loose;
    delete bare['common'].userLocale;
    bare['common'].parameters = {};
    bare['action'].parameters = [];
    expect(dialogOf(await send(bare))!['header'].title).toBe('LLM キー');

    // A non-admin gets no dialog, and cannot submit one either.
    const refused = await send(dialogRequest('keys', 'someone@example.com'));
    expect(refused['actionResponse']).toBeUndefined();
    expect(JSON.stringify(refused)).toContain('Only an admin');
    const sneaked = await send(submitted('openai', KEY, 'someone@example.com'));
    expect(sneaked['actionResponse'].dialogAction.actionStatus.statusCode).toBe('PERMISSION_DENIED');

    // Bad input re-opens the dialog with the problem, and never echoes what was typed.
    const bad = await send(submitted('openai', 'not a key'));
    expect(JSON.stringify(widgetsOf(bad))).toContain('does not look like a key');
    const badProvider = await send(submitted('anthropic', KEY));
    expect(JSON.stringify(widgetsOf(badProvider))).toContain('not an available provider');
    expect(JSON.stringify(badProvider)).not.toContain(KEY);
    expect(await db.prisma.credential.count()).toBe(0);

    const saved = await send(submitted('openai', KEY));
    expect(saved['actionResponse']).toEqual({
      type: 'DIALOG',
      dialogAction: {
        actionStatus: { statusCode: 'OK', userFacingMessage: expect.stringContaining(MASKED) },
      },
    });
    const row = await db.prisma.credential.findFirstOrThrow();
    expect(row).toMatchObject({ provider: 'openai', masked: MASKED });
    const audit = await db.prisma.adminAudit.findFirstOrThrow({ where: { action: 'keys.set' } });
    expect(audit.actor).toBe('users/102938475610293847561');
    expect(audit.after).toBe(MASKED);

    // The workspace's next question reaches the model with the workspace's key.
    fake.script({ text: 'Here is the answer.' });
    const message = stack.api.userMessage(SPACE, '@Kotae how many orders?');
    await send(
      chatEvent('message-mention', { space: SPACE, thread: message.thread.name, message: message.name }),
    );
    await vi.waitFor(() => expect(fake.requests.length).toBeGreaterThan(0), { timeout: 20_000 });
    expect(fake.requests[0]!.headers['authorization']).toBe(`Bearer ${KEY}`);
    await vi.waitFor(
      () => {
        const texts = JSON.stringify(
          stack.api.thread(message.thread.name).filter((m) => m.sender.type === 'BOT'),
        );
        expect(texts).toContain('Here is the answer.');
      },
      { timeout: 20_000 },
    );

    // The key appears nowhere in plaintext: no table, no answer, no posted message, no log line.
    const dump = await databaseDump(db.prisma);
    expect(dump).toContain(MASKED);
    expect(dump).not.toContain(KEY);
    expect(answers.join('\n')).not.toContain(KEY);
    expect(JSON.stringify([...stack.api.messages.values()])).not.toContain(KEY);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(KEY);
    const audited = JSON.stringify(await send(slash('audit', ADMIN)));
    expect(audited).toContain('keys');
    expect(audited).not.toContain(KEY);
  });
});

describe('/kotae keys on Google Chat over Pub/Sub', () => {
  it('says dialogs are not supported there, in the asker’s language, and opens none', async () => {
    const before = stack.api.messages.size;
    for (const [locale, expected] of [
      ['en', 'does not support dialogs for apps that receive events through Pub/Sub'],
      ['ja', 'Pub/Sub でイベントを受け取るアプリのダイアログに対応していない'],
    ] as const) {
      const event = slash('keys', ADMIN, locale);
      const verdict = await handleChatPubSubEvent(Buffer.from(JSON.stringify(event)), `keys-${locale}`, {
        handler: stack.handler,
        platform: stack.platform,
        logger,
      });
      expect(verdict.ack).toBe(true);
      await vi.waitFor(() => {
        const posted = JSON.stringify([...stack.api.messages.values()].slice(before));
        expect(posted).toContain(expected);
      });
    }
    const posted = JSON.stringify([...stack.api.messages.values()].slice(before));
    expect(posted).not.toContain('DIALOG');
    // A dialog submission can only be answered over HTTP: through Pub/Sub it stores and posts nothing.
    const stored = await db.prisma.credential.count();
    const size = stack.api.messages.size;
    const verdict = await handleChatPubSubEvent(
      Buffer.from(JSON.stringify(submitted('gemini', 'AIzaPUBSUBsecret0123456789abcd'))),
      'keys-submit',
      { handler: stack.handler, platform: stack.platform, logger },
    );
    expect(verdict.ack).toBe(true);
    expect(stack.api.messages.size).toBe(size);
    expect(await db.prisma.credential.count()).toBe(stored);
  });
});
