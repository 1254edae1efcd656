/**
 * `/kotae …` typed in the console's composer, beside slack-commands.ts and gchat-commands.ts.
 * The shared CommandRouter answers; the answer goes only to the sender and is never stored.
 * Behind IAP the sender is the verified email; `kotae dev` has its local user. `ask` queues
 * a question, whose placeholder starts the thread once the answer has been sent.
 */
import { randomUUID } from 'node:crypto';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { ChatPlatform } from '../../core/ports/chat-platform.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import { CONSOLE_WORKSPACE } from './console-channels.ts';
import type { ConsoleHtmlRenderer } from './console-platform.ts';

const COMMAND = /^\/kotae(?:\s|$)/i;

export interface ConsoleCommandDeps {
  commands: CommandRouter;
  intake: Intake;
  platform: ChatPlatform;
  render: ConsoleHtmlRenderer;
}

export interface ConsoleCommandInput {
  channel: string;
  thread?: string | undefined;
  /** What follows `/kotae`. */
  text: string;
  user: string;
  locale: Locale;
}

export interface ConsoleCommandAnswer {
  /** The POST's 200 body: the reply as text and as the console's HTML, and any form to open. */
  body: Record<string, unknown>;
  /** Work to run once the answer is sent (an `ask`'s placeholder). */
  after?: () => Promise<void>;
}

/** The command's words when the composer's text is a `/kotae` command, else null. */
export function consoleCommandText(text: string): string | null {
  const trimmed = text.trim();
  const command = COMMAND.exec(trimmed);
  return command ? trimmed.slice(command[0].length).trim() : null;
}

export async function runConsoleCommand(
  deps: ConsoleCommandDeps,
  input: ConsoleCommandInput,
): Promise<ConsoleCommandAnswer> {
  const result = await deps.commands.handle({
    eventId: randomUUID(),
    thread: {
      platform: 'console',
      workspaceId: CONSOLE_WORKSPACE,
      channelId: input.channel,
      threadId: input.thread ?? '',
    },
    userId: input.user,
    ...(input.user.includes('@') ? { userEmail: input.user } : {}),
    text: input.text,
    locale: input.locale,
  });
  const { taskId } = result;
  return {
    body: {
      command: true,
      ephemeral: true,
      text: result.reply.text,
      html: deps.render({ kind: 'reply', reply: result.reply }, {}),
      ...(taskId ? { taskId } : {}),
      ...(result.form ? { form: result.form, formText: t(input.locale, 'admin.keys.console') } : {}),
    },
    ...(taskId ? { after: () => deps.intake.postPlaceholder(taskId, deps.platform) } : {}),
  };
}
