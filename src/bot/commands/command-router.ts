/**
 * The `/kotae …` router shared by Slack, Google Chat and the console. Verbs: `help`,
 * `ask <question>`. Admin verbs plug in here through `extraVerbs`.
 */
import { randomUUID } from 'node:crypto';
import type { CommandEvent } from '../../core/chat-event.ts';
import { t } from '../../core/i18n/translate.ts';
import { commandLocale, detectLocale, type Locale } from '../../core/locale.ts';
import type { CommandResult, CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import { infoReply, errorReply } from '../../core/reply.ts';
import { helpReply, unknownCommandText } from '../../render/help.ts';

/** `verbs`: every verb this router has, so `help` lists exactly those. */
export type VerbHandler = (
  command: CommandEvent,
  args: string,
  locale: Locale,
  verbs?: readonly string[],
) => Promise<CommandResult>;

export function createCommandRouter(deps: {
  intake: Intake;
  defaultLocale: Locale;
  extraVerbs?: Record<string, VerbHandler>;
}): CommandRouter {
  const verbs: Record<string, VerbHandler> = {
    help: async (_command, _args, locale, names) => ({
      reply: helpReply(locale, names ? { verbs: names } : {}),
      ephemeral: true,
    }),
    ask: async (command, args) => {
      const result = await deps.intake.submit({
        eventId: command.eventId ?? randomUUID(),
        thread: command.thread,
        userId: command.userId,
        text: args,
        ...(command.locale ? { locale: command.locale } : {}),
        receivedAt: new Date(),
      });
      if (result.status === 'rejected')
        return { reply: errorReply(result.locale, result.message), ephemeral: true };
      const key = result.status === 'accepted' ? 'command.ask.accepted' : 'command.ask.duplicate';
      return {
        reply: infoReply(result.locale, t(result.locale, key)),
        ephemeral: true,
        taskId: result.taskId,
      };
    },
    ...deps.extraVerbs,
  };

  return {
    async handle(command) {
      const text = command.text.trim();
      const verb = text.split(/\s+/)[0] || 'help';
      const args = text.slice(verb.length).trim();
      const locale =
        command.locale ??
        (command.fallbackLocale
          ? commandLocale(text, command.fallbackLocale)
          : detectLocale(text, deps.defaultLocale));
      const handler = verbs[verb.toLowerCase()];
      if (!handler) {
        return { reply: errorReply(locale, unknownCommandText(locale, verb)), ephemeral: true };
      }
      return await handler(command, args, locale, Object.keys(verbs));
    },
  };
}
