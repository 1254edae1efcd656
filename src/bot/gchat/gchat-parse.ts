/**
 * Turns a Google Chat event body (classic or Workspace add-on format) into one small,
 * format-free interaction. Everything past this file reads `ChatInteraction`, never
 * Google's JSON.
 */
import { isLocale, type Locale } from '../../core/locale.ts';
import {
  addOnEventSchema,
  classicEventSchema,
  type AddOnEventJson,
  type ChatMessageJson,
  type ChatSpaceJson,
  type ChatUserJson,
  type ClassicEventJson,
} from './gchat-event-schema.ts';

export type EventFormat = 'classic' | 'addon';

export interface ChatContext {
  format: EventFormat;
  space: { name: string; isDm: boolean; displayName?: string };
  user: { name: string; displayName?: string; isBot: boolean; domainId?: string; email?: string };
  /** The thread the event happened in, `spaces/…/threads/…`. */
  threadName?: string;
  locale?: Locale;
  eventTime?: string;
}

/** A message that asks something: the question with the app's mention stripped. */
export interface ChatQuestion {
  messageName: string;
  text: string;
}

export type ChatInteraction =
  | { kind: 'message'; context: ChatContext; question: ChatQuestion }
  | {
      kind: 'command';
      context: ChatContext;
      commandId: string;
      commandName?: string;
      text: string;
      /** The message that carried the command, when there is one: the invocation's id. */
      messageName?: string;
      /** The command is configured to open a dialog (REQUEST_DIALOG): it may answer with one. */
      opensDialog?: boolean;
    }
  /** `question` is set when someone added the app by @mentioning it with a message. */
  | { kind: 'added'; context: ChatContext; question?: ChatQuestion }
  | { kind: 'removed'; context: ChatContext }
  | {
      kind: 'card_clicked';
      context: ChatContext;
      action: string;
      parameters: Record<string, string>;
      messageName?: string;
    }
  /**
   * A click inside one of our dialogs (classic format, HTTP only): submit or cancel, with
   * what was typed. `inputs` can hold a secret (the key dialog): never log it.
   */
  | {
      kind: 'dialog';
      context: ChatContext;
      event: 'request' | 'submit' | 'cancel';
      action: string;
      parameters: Record<string, string>;
      inputs: Record<string, string>;
    }
  | { kind: 'ignored'; format: EventFormat; reason: string };

export type ParseResult = { ok: true; interaction: ChatInteraction } | { ok: false; error: string };

export function parseChatEvent(body: unknown): ParseResult {
  if (typeof body !== 'object' || body === null)
    return { ok: false, error: 'the event is not a JSON object' };
  if ('chat' in body) {
    const parsed = addOnEventSchema.safeParse(body);
    return parsed.success ? fromAddOn(parsed.data) : { ok: false, error: describe(parsed.error) };
  }
  const parsed = classicEventSchema.safeParse(body);
  return parsed.success ? fromClassic(parsed.data) : { ok: false, error: describe(parsed.error) };
}

function fromClassic(event: ClassicEventJson): ParseResult {
  const space = event.space ?? event.message?.space;
  const user = event.user ?? event.message?.sender;
  if (!space || !user) return ignored('classic', `${event.type} without a space or user`);
  const context = makeContext('classic', space, user, {
    threadName: event.thread?.name ?? event.message?.thread?.name,
    userLocale: event.common?.userLocale,
    eventTime: event.eventTime,
  });
  if (context.user.isBot) return ignored('classic', 'sent by a bot');

  switch (event.type) {
    case 'MESSAGE':
    case 'APP_COMMAND': {
      if (!event.message) return ignored('classic', `${event.type} without a message`);
      const command = slashCommand(event.message, event.appCommandMetadata?.appCommandId);
      const opensDialog = event.isDialogEvent === true && event.dialogEventType === 'REQUEST_DIALOG';
      if (command)
        return ok({ kind: 'command', context, ...command, ...(opensDialog ? { opensDialog } : {}) });
      if (event.type === 'APP_COMMAND') return ignored('classic', 'app command that is not a slash command');
      return ok({ kind: 'message', context, question: question(event.message) });
    }
    case 'ADDED_TO_SPACE':
      return ok({ kind: 'added', context, ...(event.message ? { question: question(event.message) } : {}) });
    case 'REMOVED_FROM_SPACE':
      return ok({ kind: 'removed', context });
    case 'CARD_CLICKED': {
      const parameters: Record<string, string> = { ...(event.common?.parameters ?? {}) };
      for (const { key, value } of event.action?.parameters ?? []) parameters[key] = value ?? '';
      const action = parameters['action'] ?? event.action?.actionMethodName ?? event.common?.invokedFunction;
      if (event.isDialogEvent && event.dialogEventType === 'CANCEL_DIALOG') {
        return ok({ kind: 'dialog', context, event: 'cancel', action: action ?? '', parameters, inputs: {} });
      }
      if (!action) return ignored('classic', 'card click without an action');
      if (event.isDialogEvent && event.dialogEventType === 'SUBMIT_DIALOG') {
        const inputs = firstValues(event.common?.formInputs);
        return ok({ kind: 'dialog', context, event: 'submit', action, parameters, inputs });
      }
      if (event.isDialogEvent && event.dialogEventType === 'REQUEST_DIALOG') {
        return ok({ kind: 'dialog', context, event: 'request', action, parameters, inputs: {} });
      }
      return ok({
        kind: 'card_clicked',
        context,
        action,
        parameters,
        ...(event.message ? { messageName: event.message.name } : {}),
      });
    }
    default:
      return ignored('classic', `event type ${event.type}`);
  }
}

function fromAddOn(event: AddOnEventJson): ParseResult {
  const chat = event.chat;
  const common = event.commonEventObject;
  const extra = { userLocale: common?.userLocale, eventTime: chat.eventTime };
  const withUser = (
    space: ChatSpaceJson,
    user: ChatUserJson | null | undefined,
    threadName?: string | null,
  ) => (user ? makeContext('addon', space, user, { ...extra, threadName }) : null);

  if (chat.appCommandPayload) {
    const payload = chat.appCommandPayload;
    const context = withUser(payload.space, chat.user, payload.thread?.name ?? payload.message?.thread?.name);
    if (!context) return ignored('addon', 'app command without a user');
    const command = payload.message
      ? slashCommand(payload.message, payload.appCommandMetadata.appCommandId)
      : { commandId: payload.appCommandMetadata.appCommandId ?? '', text: '' };
    if (!command) return ignored('addon', 'app command that is not a slash command');
    return ok({ kind: 'command', context, ...command });
  }
  if (chat.messagePayload) {
    const { space, message } = chat.messagePayload;
    const context = withUser(space, chat.user ?? message.sender, message.thread?.name);
    if (!context) return ignored('addon', 'message without a user');
    if (context.user.isBot) return ignored('addon', 'sent by a bot');
    const command = slashCommand(message, undefined);
    if (command) return ok({ kind: 'command', context, ...command });
    return ok({ kind: 'message', context, question: question(message) });
  }
  if (chat.addedToSpacePayload) {
    const context = withUser(chat.addedToSpacePayload.space, chat.user);
    return context ? ok({ kind: 'added', context }) : ignored('addon', 'added without a user');
  }
  if (chat.removedFromSpacePayload) {
    const context = withUser(chat.removedFromSpacePayload.space, chat.user);
    return context ? ok({ kind: 'removed', context }) : ignored('addon', 'removed without a user');
  }
  if (chat.buttonClickedPayload) {
    const payload = chat.buttonClickedPayload;
    const context = withUser(payload.space, payload.user ?? chat.user, payload.message.thread?.name);
    if (!context) return ignored('addon', 'button click without a user');
    const parameters = { ...(common?.parameters ?? {}) };
    const action = parameters['action'] ?? common?.invokedFunction;
    if (!action) return ignored('addon', 'button click without an action');
    return ok({ kind: 'card_clicked', context, action, parameters, messageName: payload.message.name });
  }
  return ignored('addon', 'no payload Kotae handles');
}

function makeContext(
  format: EventFormat,
  space: ChatSpaceJson,
  user: ChatUserJson,
  extra: { threadName?: string | null; userLocale?: string | null; eventTime?: string | null },
): ChatContext {
  const isDm = space.type === 'DM' || space.spaceType === 'DIRECT_MESSAGE' || space.singleUserBotDm === true;
  const locale = toLocale(extra.userLocale);
  return {
    format,
    space: { name: space.name, isDm, ...(space.displayName ? { displayName: space.displayName } : {}) },
    user: {
      name: user.name,
      isBot: user.type === 'BOT',
      ...(user.displayName ? { displayName: user.displayName } : {}),
      ...(user.domainId ? { domainId: user.domainId } : {}),
      ...(user.email ? { email: user.email } : {}),
    },
    ...(extra.threadName ? { threadName: extra.threadName } : {}),
    ...(locale ? { locale } : {}),
    ...(extra.eventTime ? { eventTime: extra.eventTime } : {}),
  };
}

/** "ja", "ja-JP" → ja; "en-US" → en; anything else is left to the question's own language. */
function toLocale(userLocale: string | null | undefined): Locale | undefined {
  const language = userLocale?.toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : undefined;
}

function question(message: ChatMessageJson): ChatQuestion {
  return { messageName: message.name, text: stripMentions(message) };
}

/**
 * The question without "@Kotae". `argumentText` already has the app's mentions removed;
 * when it is absent, cut the app's USER_MENTION annotations (UTF-16 offsets) out of `text`.
 */
export function stripMentions(message: ChatMessageJson): string {
  if (typeof message.argumentText === 'string') return message.argumentText.trim();
  let text = message.text ?? '';
  const mentions = (message.annotations ?? [])
    .filter((a) => a.type === 'USER_MENTION' && a.userMention?.user?.type === 'BOT')
    .sort((a, b) => (b.startIndex ?? 0) - (a.startIndex ?? 0));
  for (const mention of mentions) {
    const start = mention.startIndex ?? 0;
    text = text.slice(0, start) + text.slice(start + (mention.length ?? 0));
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** A slash command, from message.slashCommand, the SLASH_COMMAND annotation or appCommandMetadata. */
function slashCommand(
  message: ChatMessageJson,
  appCommandId: string | null | undefined,
): { commandId: string; commandName?: string; text: string; messageName: string } | null {
  const annotation = message.annotations?.find((a) => a.type === 'SLASH_COMMAND');
  const commandId = message.slashCommand?.commandId ?? annotation?.slashCommand?.commandId ?? appCommandId;
  if (commandId === null || commandId === undefined) return null;
  const commandName = annotation?.slashCommand?.commandName ?? undefined;
  let text = message.argumentText ?? undefined;
  if (text === undefined) {
    const raw = message.text ?? '';
    const end = annotation ? (annotation.startIndex ?? 0) + (annotation.length ?? 0) : 0;
    text = annotation ? raw.slice(end) : raw.replace(/^\/\S+/, '');
  }
  return { commandId, ...(commandName ? { commandName } : {}), text: text.trim(), messageName: message.name };
}

/** The first string each form input holds. */
function firstValues(
  formInputs: Record<string, { stringInputs?: { value?: string[] | null } | null }> | null | undefined,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(formInputs ?? {})) {
    const value = input.stringInputs?.value?.[0];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

function ok(interaction: ChatInteraction): ParseResult {
  return { ok: true, interaction };
}

function ignored(format: EventFormat, reason: string): ParseResult {
  return { ok: true, interaction: { kind: 'ignored', format, reason } };
}

function describe(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'event'}: ${issue.message}` : 'invalid event';
}
