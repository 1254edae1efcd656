/**
 * What Kotae does with one Google Chat interaction, whichever way it arrived (HTTP
 * endpoint or Pub/Sub). Only the fast path runs here: parse → intake (dedupe, persist,
 * enqueue) or the command router → an answer to show at once. The placeholder is posted
 * afterwards (`after`), once the delivery has been acknowledged.
 */
import { ACTION_IDS } from '../../render/reply-actions.ts';
import type { Clock } from '../../core/clock.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Logger } from '../../core/logger.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';
import { handleCardAction, type CardActionStore } from './gchat-card-actions.ts';
import { subscribeDialog } from './gchat-subscribe-dialog.ts';
import type { ChatApiMessage } from './gchat-client.ts';
import type { GchatPlatform, RenderChatMessages } from './gchat-platform.ts';
import {
  immediateMessage,
  privately,
  threadOf as threadOfContext,
  type ChatTransport,
  type HandledEvent,
} from './gchat-answer.ts';
import { createGchatCommands } from './gchat-commands.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import {
  closeDialog,
  KEY_DIALOG_OPEN,
  KEY_DIALOG_SAVE,
  keyDialog,
  submitKeyDialog,
} from './gchat-key-dialog.ts';
import { isLocale, type Locale, LOCALES } from '../../core/locale.ts';
import { parseChatEvent, type ChatContext, type ChatInteraction, type ChatQuestion } from './gchat-parse.ts';

export type ChatEventOutcome = { ok: true; handled: HandledEvent } | { ok: false; error: string };

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

  const commands = createGchatCommands(options);
  const threadOf = (context: ChatContext) => threadOfContext(context, options.defaultWorkspaceId);

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
        return { immediate: immediateMessage(context, { text: result.message }) };
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
          const greeting = immediateMessage(interaction.context, welcome(interaction.context));
          // Someone @mentioned Kotae into the space with a question: answer that too.
          if (!interaction.question?.text) return { ok: true, handled: { immediate: greeting } };
          const handled = await submit(interaction.context, interaction.question);
          return { ok: true, handled: { ...handled, immediate: handled.immediate ?? greeting } };
        }

        case 'removed':
          logger.info('removed from a Google Chat space', { space: interaction.context.space.name });
          return { ok: true, handled: { immediate: null } };

        case 'command':
          return { ok: true, handled: await commands.command(interaction, via) };

        case 'dialog': {
          const { context } = interaction;
          const { keys } = options;
          // A dialog is answered only in the HTTP response; nothing to post through the API.
          if (via !== 'http') return { ok: true, handled: { immediate: null } };
          if (interaction.event === 'cancel') {
            return { ok: true, handled: { immediate: immediateMessage(context, closeDialog()) } };
          }
          if (
            interaction.action === ACTION_IDS.subscribe &&
            options.subscribe &&
            context.format === 'classic'
          ) {
            return {
              ok: true,
              handled: { immediate: immediateMessage(context, await subscribeFrom(interaction)) },
            };
          }
          if (interaction.event === 'request' && interaction.action === KEY_DIALOG_OPEN && keys) {
            const asked = interaction.parameters['locale'];
            const locale = context.locale ?? (isLocale(asked) ? asked : options.defaultLocale);
            return {
              ok: true,
              handled: { immediate: immediateMessage(context, keyDialog(locale, keys.providers)) },
            };
          }
          if (interaction.event !== 'submit' || interaction.action !== KEY_DIALOG_SAVE || !keys) {
            const text = t(context.locale ?? options.defaultLocale, 'gchat.action.unknown');
            return { ok: true, handled: { immediate: immediateMessage(context, closeDialog(text)) } };
          }
          const answer = await submitKeyDialog(
            interaction,
            keys,
            {
              platform: 'gchat',
              workspaceId: threadOf(context).workspaceId,
              userId: context.user.name,
              ...(context.user.email ? { email: context.user.email } : {}),
            },
            options.defaultLocale,
          );
          return { ok: true, handled: { immediate: immediateMessage(context, answer) } };
        }

        case 'card_clicked': {
          const { context } = interaction;
          if (interaction.action === ACTION_IDS.confirm) {
            // A destructive admin verb's confirm button: the command runs as the clicker.
            return { ok: true, handled: await commands.confirm(interaction) };
          }
          if (
            interaction.action === ACTION_IDS.subscribe &&
            options.subscribe &&
            context.format === 'classic'
          ) {
            return {
              ok: true,
              handled: { immediate: immediateMessage(context, await subscribeFrom(interaction)) },
            };
          }
          const answer = await handleCardAction(
            interaction,
            options.actions,
            context.locale,
            options.defaultLocale,
          );
          return {
            ok: true,
            handled: {
              immediate: immediateMessage(context, privately(context, answer), { newMessage: true }),
            },
          };
        }
      }
    },
  };
}
