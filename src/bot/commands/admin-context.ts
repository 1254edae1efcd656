/**
 * What every admin verb shares: its dependencies, the admin gate (a refusal in the
 * person's language that names the admins to ask), and the usage answer for bad input.
 */
import type { CommandEvent } from '../../core/chat-event.ts';
import type { MessageKey } from '../../core/i18n/catalogue.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { AdminPolicy, Person } from '../../core/ports/admin-policy.ts';
import type { AdminDirectory } from '../admin/admin-policy.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { errorReply, infoReply } from '../../core/reply.ts';
import type { GlobalWarehouseScope } from '../../core/warehouse-scope.ts';
import type { AuditRecord } from '../../store/admin-audit.ts';
import type { AdminStore } from '../../store/admin-store.ts';
import type { CredentialStore } from '../../store/credential-store.ts';
import type { MappingStore } from '../../store/mapping-store.ts';

export type AdminVerb = 'status' | 'map' | 'unmap' | 'mappings' | 'admins' | 'model' | 'keys' | 'audit';

/** The datasets the warehouse backend can read in a project (null: the configured one). */
export interface DatasetCatalogue {
  list(projectId: string | null): Promise<string[]>;
}

export interface AdminVerbDeps {
  policy: AdminDirectory;
  /** The platform's workspace id → Kotae's Workspace.id (created on first sight). */
  workspaceIdOf(command: CommandEvent): Promise<string>;
  /** The workspace's time zone (Workspace.id), for the times an admin reads (audit). */
  timeZoneOf(workspaceId: string): Promise<string>;
  admins: AdminStore;
  mappings: MappingStore;
  readAudit(workspaceId: string, limit: number): Promise<AuditRecord[]>;
  datasets: DatasetCatalogue;
  global: GlobalWarehouseScope;
  /** Providers this deployment has configured ("openai", "gemini"). */
  providers: readonly string[];
  /** Null when keys cannot be sealed here (no KOTAE_ENCRYPTION_KEYS). */
  credentials: CredentialStore | null;
  /** The configured default model chain, shown when a workspace has none of its own. */
  defaultModel: string;
}

export function personOf(command: CommandEvent): Person {
  return {
    platform: command.thread.platform,
    workspaceId: command.thread.workspaceId,
    userId: command.userId,
    ...(command.userEmail ? { email: command.userEmail } : {}),
  };
}

export const privately = (reply: CommandResult['reply']): CommandResult => ({ reply, ephemeral: true });

export function info(locale: Locale, text: string): CommandResult {
  return privately(infoReply(locale, text));
}

/** The problem, then the verb's usage line and example. */
export function usage(
  locale: Locale,
  verb: AdminVerb,
  problem?: { key: MessageKey; params?: Record<string, string> },
  extra?: string,
): CommandResult {
  const lines = [
    ...(problem ? [t(locale, problem.key, problem.params ?? {})] : []),
    ...(extra ? [extra] : []),
    t(locale, 'admin.usageIntro', {
      usage: t(locale, `admin.usage.${verb}`),
      example: t(locale, `admin.example.${verb}`),
    }),
  ];
  return privately(errorReply(locale, lines.join('\n')));
}

/** How to show a user of this command's workspace to people. */
export function nameIn(deps: AdminVerbDeps, command: CommandEvent, userId: string): Promise<string> {
  return deps.policy.nameOf(command.thread.platform, command.thread.workspaceId, userId);
}

/** Runs `then` for an admin; anyone else is refused with the names of the admins. */
export async function asAdmin(
  deps: { policy: AdminPolicy },
  command: CommandEvent,
  locale: Locale,
  then: () => Promise<CommandResult>,
): Promise<CommandResult> {
  if (await deps.policy.isAdmin(personOf(command))) return await then();
  const names = await deps.policy.adminNames({
    platform: command.thread.platform,
    workspaceId: command.thread.workspaceId,
  });
  const admins = names.length > 0 ? names.join(', ') : t(locale, 'admin.refused.none');
  return privately(errorReply(locale, t(locale, 'admin.refused', { admins })));
}
