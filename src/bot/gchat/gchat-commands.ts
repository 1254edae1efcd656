/**
 * The `/kotae` slash command on Google Chat, and the confirm button of a destructive admin
 * verb (which runs the command it carries, as the person who clicked). The shared
 * CommandRouter answers; the answer is shown at once, privately unless the router says
 * otherwise. `ask` queues a question, whose placeholder is posted after the delivery is
 * acknowledged. The key form is a dialog over HTTP; Pub/Sub cannot carry one, so there the
 * answer says so instead.
 */
import { t } from '../../core/i18n/translate.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import {
  immediateMessage,
  privately,
  replyMessage,
  threadOf,
  type ChatTransport,
  type HandledEvent,
} from './gchat-answer.ts';
import { keyDialog, keyDialogButton } from './gchat-key-dialog.ts';
import type { ChatInteraction } from './gchat-parse.ts';
import type { GchatPlatform, RenderChatMessages } from './gchat-platform.ts';

export interface GchatCommandDeps {
  commands: CommandRouter;
  intake: Intake;
  platform: GchatPlatform;
  render: RenderChatMessages;
  /** Workspace key when the sender has no Google Workspace domain (consumer accounts). */
  defaultWorkspaceId?: string;
  /** The LLM key dialog's way in (null or absent: keys cannot be stored here). */
  keys?: KeyVault | null;
}

type CommandInteraction = Extract<ChatInteraction, { kind: 'command' }>;
type CardClick = Extract<ChatInteraction, { kind: 'card_clicked' }>;

export interface GchatCommands {
  /** A `/kotae …` invocation. */
  command(interaction: CommandInteraction, via: ChatTransport): Promise<HandledEvent>;
  /** A confirm button's click: runs the command stored in its parameters. */
  confirm(interaction: CardClick): Promise<HandledEvent>;
}

export function createGchatCommands(deps: GchatCommandDeps): GchatCommands {
  const run = (interaction: CommandInteraction | CardClick, text: string, eventId?: string) => {
    const { context } = interaction;
    return deps.commands.handle({
      ...(eventId ? { eventId } : {}),
      thread: threadOf(context, deps.defaultWorkspaceId),
      userId: context.user.name,
      ...(context.user.email ? { userEmail: context.user.email } : {}),
      text,
      ...(context.locale ? { locale: context.locale } : {}),
    });
  };

  return {
    async command(interaction, via) {
      const { context } = interaction;
      const result = await run(interaction, interaction.text, interaction.messageName);
      let reply = result.reply;
      if (result.form === 'llm_keys') {
        const { keys } = deps;
        if (via === 'http' && keys && context.format === 'classic') {
          const answer = interaction.opensDialog
            ? keyDialog(reply.locale, keys.providers, { stored: reply.text })
            : privately(context, keyDialogButton(reply.locale, reply.text));
          return { immediate: immediateMessage(context, answer) };
        }
        if (via === 'pubsub')
          reply = { ...reply, text: `${reply.text}\n${t(reply.locale, 'admin.keys.pubsub')}` };
      }
      const message = replyMessage(deps.render, reply, result.chart);
      const { taskId } = result;
      return {
        immediate: immediateMessage(context, result.ephemeral ? privately(context, message) : message),
        ...(taskId ? { after: () => deps.intake.postPlaceholder(taskId, deps.platform) } : {}),
      };
    },

    async confirm(interaction) {
      const result = await run(interaction, interaction.parameters['command'] ?? '');
      const message = privately(interaction.context, replyMessage(deps.render, result.reply));
      return { immediate: immediateMessage(interaction.context, message, { newMessage: true }) };
    },
  };
}
