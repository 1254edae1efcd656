/**
 * What Kotae does with one Google Chat interaction, whichever way it arrived (HTTP
 * endpoint or Pub/Sub). Only the fast path runs here: parse → intake (dedupe, persist,
 * enqueue) or the command router → an answer to show at once. The placeholder is posted
 * afterwards (`after`), once the delivery has been acknowledged.
 */
import { ACTION_IDS } from '../../render/reply-actions.ts';
import type { ThreadRef } from '../../core/chat-event.ts';
import type { Clock } from '../../core/clock.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Logger } from '../../core/logger.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { Reply } from '../../core/reply.ts';
import type { AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';
import { handleCardAction, type CardActionStore } from './gchat-card-actions.ts';
import { subscribeDialog } from './gchat-subscribe-dialog.ts';
import type { ChatApiMessage } from './gchat-client.ts';
import { toApiMessage, type GchatPlatform, type RenderChatMessages } from './gchat-platform.ts';
import type { UploadedFile } from '../../core/ports/chat-platform.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import {
  closeDialog,
  KEY_DIALOG_OPEN,
  KEY_DIALOG_SAVE,
  keyDialog,
  keyDialogButton,
  submitKeyDialog,
} from './gchat-key-dialog.ts';
import { isLocale, type Locale, LOCALES } from '../../core/locale.ts';
import {
  parseChatEvent,
  type ChatContext,
  type ChatInteraction,
  type ChatQuestion,
  type EventFormat,
} from './gchat-parse.ts';

/** A message to show right away: the HTTP response body, or (Pub/Sub) a create call. */
export interface ImmediateMessage {
  format: EventFormat;
  space: string;
  threadName?: string;
  message: ChatApiMessage;
  /** True for a card click's answer, which Chat must post as a new message. */
  newMessage?: boolean;
}

export interface HandledEvent {
  immediate: ImmediateMessage | null;
  /** Work to run after the delivery is acknowledged (the "working…" placeholder). */
  after?: () => Promise<void>;
}

export type ChatEventOutcome = { ok: true; handled: HandledEvent } | { ok: false; error: string };

/** How the event came: only an HTTP request can be answered with a dialog. */
export type ChatTransport = 'http' | 'pubsub';

export interface GchatEventHandler {
  handle(body: unknown, via?: ChatTransport): Promise<ChatEventOutcome>;
}

export interface GchatEventHandlerOptions {
  intake: Intake;
  commands: CommandRouter;
  platform: GchatPlatform;
  render: RenderChatMessages;
  actions: CardActionStore;
  /** The Subscribe dialog's submissions; without it the button is not answered with a dialog. */
  subscribe?: AnswerSubscriber;
  clock: Clock;
  logger: Logger;
  /** Workspace key when the sender has no Google Workspace domain (consumer accounts). */
  defaultWorkspaceId?: string;
  /** The LLM key dialog's way in (null or absent: keys cannot be stored here). */
  keys?: KeyVault | null;
  /** The configured language, when neither the person's nor the answer's is known. */
  defaultLocale: Locale;
}

export function createGchatEventHandler(options: GchatEventHandlerOptions): GchatEventHandler {
  const { intake, logger } = options;

  const threadOf = (context: ChatContext): ThreadRef => ({
    platform: 'gchat',
    workspaceId: context.user.domainId ?? options.defaultWorkspaceId ?? 'default',
    channelId: context.space.name,
    threadId: context.threadName ?? '',
  });

  const immediate = (
    context: ChatContext,
    message: ChatApiMessage,
    extra: Partial<ImmediateMessage> = {},
  ) => ({
    format: context.format,
    space: context.space.name,
    ...(context.threadName ? { threadName: context.threadName } : {}),
    message,
    ...extra,
  });

  /** Chat shows a private message only to `viewer`; in a DM everything is private anyway. */
  const privately = (context: ChatContext, message: ChatApiMessage): ChatApiMessage =>
    context.space.isDm ? message : { ...message, privateMessageViewer: { name: context.user.name } };

  const replyMessage = (reply: Reply, chart?: UploadedFile): ChatApiMessage => {
    const [first] = options.render({ kind: 'reply', reply, ...(chart ? { chart } : {}) });
    return first ? toApiMessage(first) : { text: reply.text };
  };

  const placeholderFor = (taskId: string) => async () => {
    await intake.postPlaceholder(taskId, options.platform);
  };

  async function submit(context: ChatContext, question: ChatQuestion): Promise<HandledEvent> {
    const result = await intake.submit({
      eventId: question.messageName,
      thread: threadOf(context),
      userId: context.user.name,
      text: question.text,
      ...(context.locale ? { locale: context.locale } : {}),
      receivedAt: options.clock.now(),
    });
    switch (result.status) {
      case 'accepted':
        return { immediate: null, after: placeholderFor(result.taskId) };
      case 'duplicate':
        logger.info('duplicate Google Chat delivery', {
          taskId: result.taskId,
          message: question.messageName,
        });
        return { immediate: null };
      case 'rejected':
        return { immediate: immediate(context, { text: result.message }) };
    }
  }

  /** The Subscribe button's click (it opens the dialog) or the dialog's submit or cancel. */
  async function subscribeFrom(
    interaction: Extract<ChatInteraction, { kind: 'card_clicked' | 'dialog' }>,
  ): Promise<ChatApiMessage> {
    const { context } = interaction;
    const taskId = interaction.parameters['taskId'] ?? '';
    const answer = taskId ? await options.actions.findAnswerSql(taskId) : null;
    return await subscribeDialog(options.subscribe!, {
      dialog:
        interaction.kind === 'dialog' ? { event: interaction.event, inputs: interaction.inputs } : undefined,
      taskId,
      person: { workspaceId: threadOf(context).workspaceId, userId: context.user.name },
      locale: context.locale ?? answer?.locale ?? options.defaultLocale,
      now: options.clock.now(),
    });
  }

  function welcome(context: ChatContext): ChatApiMessage {
    const key = context.space.isDm ? 'gchat.welcome.dm' : 'gchat.welcome.space';
    // Without a hint of the reader's language, say it in both.
    const text = context.locale
      ? t(context.locale, key)
      : LOCALES.map((locale) => t(locale, key)).join('\n\n');
    return { text };
  }

  return {
    async handle(body, via = 'pubsub') {
      const parsed = parseChatEvent(body);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const interaction = parsed.interaction;

      switch (interaction.kind) {
        case 'ignored':
          logger.debug('Google Chat event ignored', { reason: interaction.reason });
          return { ok: true, handled: { immediate: null } };

        case 'message':
          return { ok: true, handled: await submit(interaction.context, interaction.question) };

        case 'added': {
          logger.info('added to a Google Chat space', { space: interaction.context.space.name });
          const greeting = immediate(interaction.context, welcome(interaction.context));
          // Someone @mentioned Kotae into the space with a question: answer that too.
          if (!interaction.question?.text) return { ok: true, handled: { immediate: greeting } };
          const handled = await submit(interaction.context, interaction.question);
          return { ok: true, handled: { ...handled, immediate: handled.immediate ?? greeting } };
        }

        case 'removed':
          logger.info('removed from a Google Chat space', { space: interaction.context.space.name });
          return { ok: true, handled: { immediate: null } };

        case 'command': {
          const { context } = interaction;
          const result = await options.commands.handle({
            ...(interaction.messageName ? { eventId: interaction.messageName } : {}),
            thread: threadOf(context),
            userId: context.user.name,
            ...(context.user.email ? { userEmail: context.user.email } : {}),
            text: interaction.text,
            ...(context.locale ? { locale: context.locale } : {}),
          });
          let reply = result.reply;
          if (result.form === 'llm_keys') {
            // The key form: a dialog over HTTP; Pub/Sub cannot carry one, so say so instead.
            const { keys } = options;
            if (via === 'http' && keys && context.format === 'classic') {
              const answer = interaction.opensDialog
                ? keyDialog(reply.locale, keys.providers, { stored: reply.text })
                : privately(context, keyDialogButton(reply.locale, reply.text));
              return { ok: true, handled: { immediate: immediate(context, answer) } };
            }
            if (via === 'pubsub')
              reply = { ...reply, text: `${reply.text}\n${t(reply.locale, 'admin.keys.pubsub')}` };
          }
          const message = replyMessage(reply, result.chart);
          return {
            ok: true,
            handled: {
              immediate: immediate(context, result.ephemeral ? privately(context, message) : message),
              ...(result.taskId ? { after: placeholderFor(result.taskId) } : {}),
            },
          };
        }

        case 'dialog': {
          const { context } = interaction;
          const { keys } = options;
          // A dialog is answered only in the HTTP response; nothing to post through the API.
          if (via !== 'http') return { ok: true, handled: { immediate: null } };
          if (interaction.event === 'cancel') {
            return { ok: true, handled: { immediate: immediate(context, closeDialog()) } };
          }
          if (
            interaction.action === ACTION_IDS.subscribe &&
            options.subscribe &&
            context.format === 'classic'
          ) {
            return { ok: true, handled: { immediate: immediate(context, await subscribeFrom(interaction)) } };
          }
          if (interaction.event === 'request' && interaction.action === KEY_DIALOG_OPEN && keys) {
            const asked = interaction.parameters['locale'];
            const locale = context.locale ?? (isLocale(asked) ? asked : 'en');
            return {
              ok: true,
              handled: { immediate: immediate(context, keyDialog(locale, keys.providers)) },
            };
          }
          if (interaction.event !== 'submit' || interaction.action !== KEY_DIALOG_SAVE || !keys) {
            const text = t(context.locale ?? options.defaultLocale, 'gchat.action.unknown');
            return { ok: true, handled: { immediate: immediate(context, closeDialog(text)) } };
          }
          const answer = await submitKeyDialog(interaction, keys, {
            platform: 'gchat',
            workspaceId: threadOf(context).workspaceId,
            userId: context.user.name,
            ...(context.user.email ? { email: context.user.email } : {}),
          });
          return { ok: true, handled: { immediate: immediate(context, answer) } };
        }

        case 'card_clicked': {
          const { context } = interaction;
          if (interaction.action === ACTION_IDS.confirm) {
            // A destructive admin verb's confirm button: the command runs as the clicker.
            const result = await options.commands.handle({
              thread: threadOf(context),
              userId: context.user.name,
              ...(context.user.email ? { userEmail: context.user.email } : {}),
              text: interaction.parameters['command'] ?? '',
              ...(context.locale ? { locale: context.locale } : {}),
            });
            const message = privately(context, replyMessage(result.reply));
            return { ok: true, handled: { immediate: immediate(context, message, { newMessage: true }) } };
          }
          if (
            interaction.action === ACTION_IDS.subscribe &&
            options.subscribe &&
            context.format === 'classic'
          ) {
            return { ok: true, handled: { immediate: immediate(context, await subscribeFrom(interaction)) } };
          }
          const answer = await handleCardAction(
            interaction,
            options.actions,
            context.locale,
            options.defaultLocale,
          );
          return {
            ok: true,
            handled: { immediate: immediate(context, privately(context, answer), { newMessage: true }) },
          };
        }
      }
    },
  };
}
