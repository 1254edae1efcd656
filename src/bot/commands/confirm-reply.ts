/**
 * The confirmation step of a destructive admin verb (`unmap`, `admins remove`, key
 * removal): nothing changes until the same admin sends the verb again with `confirm`.
 * The confirmation is the command itself, so it works on every instance and platform.
 */
import type { Locale } from '../../core/locale.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { infoReply } from '../../core/reply.ts';

export function confirmReply(locale: Locale, text: string, confirmCommand: string): CommandResult {
  return {
    reply: { ...infoReply(locale, text), actions: [{ kind: 'confirm', command: confirmCommand }] },
    ephemeral: true,
  };
}
