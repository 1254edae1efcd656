/**
 * Google Chat event payloads from test/fixtures/gchat (shaped after the documented
 * examples), re-pointed at a space, thread and message a test created in the fake Chat
 * API, so replies can be checked in the asker's real thread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../../fixtures/gchat');

export type ChatEventJson = Record<string, unknown>;

interface Names {
  space?: string;
  thread?: string;
  message?: string;
}

interface MessageLike {
  name?: string;
  thread?: { name?: string };
}

/** The fixture's own names: where they live differs between the classic and add-on formats. */
function namesIn(event: ChatEventJson): Names {
  const chat = event['chat'] as
    { messagePayload?: { space?: { name?: string }; message?: MessageLike } } | undefined;
  const message = (event['message'] as MessageLike | undefined) ?? chat?.messagePayload?.message;
  const space = (event['space'] as { name?: string } | undefined)?.name ?? chat?.messagePayload?.space?.name;
  return {
    ...(space ? { space } : {}),
    ...(message?.thread?.name ? { thread: message.thread.name } : {}),
    ...(message?.name ? { message: message.name } : {}),
  };
}

export function chatEvent(
  name: string,
  target: Names & { replace?: Record<string, string> } = {},
): ChatEventJson {
  let raw = readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
  const old = namesIn(JSON.parse(raw) as ChatEventJson);
  // Message and thread names contain the space name, so they go first.
  if (target.message && old.message) raw = raw.replaceAll(`"${old.message}"`, `"${target.message}"`);
  if (target.thread && old.thread) raw = raw.replaceAll(`"${old.thread}"`, `"${target.thread}"`);
  if (target.space && old.space) raw = raw.replaceAll(`"${old.space}"`, `"${target.space}"`);
  for (const [from, to] of Object.entries(target.replace ?? {})) raw = raw.replaceAll(from, to);
  return JSON.parse(raw) as ChatEventJson;
}

/**
 * A dialog event of a classic Chat app, from the card-clicked fixture: CARD_CLICKED with
 * `isDialogEvent` and `dialogEventType` (REQUEST_DIALOG when a button with interaction
 * OPEN_DIALOG is clicked, SUBMIT_DIALOG from the dialog's button, CANCEL_DIALOG), the
 * function and its parameters in `action` and `common`, and on submission the dialog's
 * inputs in `common.formInputs` as `{ name: { stringInputs: { value: [text] } } }`.
 */
export function dialogEvent(
  target: Names & { message: string },
  input: {
    type: 'REQUEST_DIALOG' | 'SUBMIT_DIALOG' | 'CANCEL_DIALOG';
    function: string;
    parameters: Record<string, string>;
    formInputs?: Record<string, string>;
    userLocale?: string;
  },
): ChatEventJson {
  const event = chatEvent('card-clicked', target);
  const common = event['common'] as Record<string, unknown>;
  return {
    ...event,
    action: {
      actionMethodName: input.function,
      parameters: Object.entries(input.parameters).map(([key, value]) => ({ key, value })),
    },
    common: {
      ...common,
      invokedFunction: input.function,
      parameters: input.parameters,
      ...(input.userLocale ? { userLocale: input.userLocale } : {}),
      ...(input.formInputs
        ? {
            formInputs: Object.fromEntries(
              Object.entries(input.formInputs).map(([name, value]) => [
                name,
                { stringInputs: { value: [value] } },
              ]),
            ),
          }
        : {}),
    },
    isDialogEvent: true,
    dialogEventType: input.type,
  };
}
