/**
 * `keys` (admin): shows the workspace's stored LLM keys, masked, and asks the platform to
 * open its key form for the caller alone (`form: 'llm_keys'`); a key is never typed into
 * a command. `keys remove <provider>` asks for confirmation first.
 */
import type { CommandEvent } from '../../core/chat-event.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { infoReply } from '../../core/reply.ts';
import { asAdmin, info, usage, type AdminVerbDeps } from './admin-context.ts';
import type { VerbHandler } from './command-router.ts';
import { confirmReply } from './confirm-reply.ts';

export function createKeysVerbs(deps: AdminVerbDeps): Record<string, VerbHandler> {
  async function keys(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    const words = args.split(/\s+/).filter(Boolean);
    const credentials = deps.credentials;
    if (!credentials) return info(locale, t(locale, 'admin.keys.unavailable'));
    const workspaceId = await deps.workspaceIdOf(command);
    const stored = await credentials.list(workspaceId);
    if (words.length === 0) {
      const value =
        stored.map((key) => `${key.provider} \`${key.masked}\``).join(', ') || t(locale, 'admin.none');
      return {
        reply: infoReply(locale, t(locale, 'admin.keys.list', { value })),
        ephemeral: true,
        form: 'llm_keys',
      };
    }
    const [action, provider, confirm, ...extra] = words;
    if (action!.toLowerCase() !== 'remove' || !provider || extra.length > 0) return usage(locale, 'keys');
    if (confirm !== undefined && confirm.toLowerCase() !== 'confirm') return usage(locale, 'keys');
    const name = provider.toLowerCase();
    const existing = stored.find((key) => key.provider === name);
    if (!existing) return info(locale, t(locale, 'admin.keys.none', { provider: name.replace(/`/g, '') }));
    if (confirm === undefined) {
      const again = `keys remove ${name} confirm`;
      return confirmReply(
        locale,
        t(locale, 'admin.keys.removeConfirm', {
          provider: name,
          masked: `\`${existing.masked}\``,
          confirm: `/kotae ${again}`,
        }),
        again,
      );
    }
    await credentials.remove(workspaceId, name, command.userId);
    return info(locale, t(locale, 'admin.keys.removed', { provider: name }));
  }
  return {
    keys: (command, args, locale) => asAdmin(deps, command, locale, () => keys(command, args, locale)),
  };
}
