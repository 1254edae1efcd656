/**
 * `admins`, `admins add @user`, `admins remove @user`: the Admin table. Removing asks for
 * confirmation first, and the last admin in the table cannot be removed.
 */
import type { CommandEvent, Platform } from '../../core/chat-event.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { asAdmin, info, nameIn, usage, type AdminVerbDeps } from './admin-context.ts';
import type { VerbHandler } from './command-router.ts';
import { confirmReply } from './confirm-reply.ts';

/**
 * A user as typed: Slack sends mentions as `<@U123>` or `<@U123|name>` in command text;
 * Google Chat names users `users/123`; the console has plain ids.
 */
export function parseUser(platform: Platform, word: string): string | null {
  if (platform === 'slack') {
    const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word) ?? /^@?([UW][A-Z0-9]{2,})$/.exec(word);
    return match?.[1] ?? null;
  }
  if (platform === 'gchat') {
    // `users/123`, or an email: Chat's admins are known by email (KOTAE_ADMIN_EMAILS too).
    const match = /^<?(users\/[A-Za-z0-9._@-]+)>?$/.exec(word);
    if (match) return match[1]!;
    return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(word) ? word.toLowerCase() : null;
  }
  const match = /^@?([A-Za-z0-9._-]{1,100})$/.exec(word);
  return match?.[1] ?? null;
}

export function createAdminsVerbs(deps: AdminVerbDeps): Record<string, VerbHandler> {
  async function admins(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    const words = args.split(/\s+/).filter(Boolean);
    const platform = command.thread.platform;
    const workspaceId = await deps.workspaceIdOf(command);
    if (words.length === 0) {
      const names = await deps.policy.adminNames({ platform, workspaceId: command.thread.workspaceId });
      return info(
        locale,
        t(locale, 'admin.admins.list', { value: names.join(', ') || t(locale, 'admin.none') }),
      );
    }
    const [action, who, confirm, ...extra] = words;
    const sub = action!.toLowerCase();
    if ((sub !== 'add' && sub !== 'remove') || !who || extra.length > 0) return usage(locale, 'admins');
    const userId = parseUser(platform, who);
    if (!userId) return usage(locale, 'admins', { key: 'admin.admins.badUser', params: { value: who } });
    const user = await nameIn(deps, command, userId);
    if (sub === 'add') {
      if (confirm) return usage(locale, 'admins');
      const added = await deps.admins.add(workspaceId, userId, command.userId);
      return info(locale, t(locale, added ? 'admin.admins.added' : 'admin.admins.already', { user }));
    }
    if (confirm !== undefined && confirm.toLowerCase() !== 'confirm') return usage(locale, 'admins');
    if (confirm === undefined) {
      const listed = await deps.admins.list(workspaceId);
      if (!listed.includes(userId)) return info(locale, t(locale, 'admin.admins.notAdmin', { user }));
      if (listed.length <= 1) return info(locale, t(locale, 'admin.admins.last', { user }));
      const again = `admins remove ${who} confirm`;
      return confirmReply(
        locale,
        t(locale, 'admin.admins.removeConfirm', { user, confirm: `/kotae ${again}` }),
        again,
      );
    }
    const outcome = await deps.admins.remove(workspaceId, userId, command.userId);
    const key =
      outcome === 'removed'
        ? 'admin.admins.removed'
        : outcome === 'last_admin'
          ? 'admin.admins.last'
          : 'admin.admins.notAdmin';
    return info(locale, t(locale, key, { user }));
  }

  return {
    admins: (command, args, locale) => asAdmin(deps, command, locale, () => admins(command, args, locale)),
  };
}
