/**
 * Who is an admin of a workspace, decided in one place:
 * - Slack: workspace owners and admins (users.info `is_owner` / `is_admin`) and the user
 *   who installed the app;
 * - Google Chat: the emails in KOTAE_ADMIN_EMAILS;
 * - the console: its local user under `kotae dev`; otherwise KOTAE_ADMIN_EMAILS;
 * - everywhere: anyone in the Admin table.
 * Person.workspaceId is the platform's own id (Slack team, Chat domain, "local").
 */
import type { Platform } from '../../core/chat-event.ts';
import type { Locale } from '../../core/locale.ts';
import type { AdminPolicy, Person } from '../../core/ports/admin-policy.ts';
import type { AdminStore } from '../../store/admin-store.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import { CONSOLE_USER } from '../console/console-channels.ts';

export interface SlackRoles {
  isOwner: boolean;
  isAdmin: boolean;
  /** The member's display name, for naming admins without pinging them. */
  name?: string;
}

/** users.info for one Slack user; null when Slack cannot say. */
export type SlackRoleLookup = (teamId: string, userId: string) => Promise<SlackRoles | null>;

export interface AdminPolicyDeps {
  admins: AdminStore;
  workspaces: WorkspaceStore;
  defaults: { locale: Locale; timeZone: string };
  /** KOTAE_ADMIN_EMAILS, lower-cased. */
  adminEmails: readonly string[];
  /** `kotae dev`: the console's one local user administers it. */
  consoleLocalAdmin: boolean;
  /** Resolved at call time: Slack is wired after the command router that uses this policy. */
  slackRoles?: () => SlackRoleLookup | undefined;
}

export interface AdminDirectory extends AdminPolicy {
  workspaceIdOf(platform: Platform, externalId: string): Promise<string>;
  /** How to show one user to people: "@name" on Slack (no ping), the id or email elsewhere. */
  nameOf(platform: Platform, externalWorkspaceId: string, userId: string): Promise<string>;
}

export function createAdminPolicy(deps: AdminPolicyDeps): AdminDirectory {
  const emails = new Set(deps.adminEmails.map((email) => email.trim().toLowerCase()).filter(Boolean));

  async function workspaceIdOf(platform: Platform, externalId: string): Promise<string> {
    return (await deps.workspaces.ensure(platform, externalId, deps.defaults)).id;
  }

  async function platformSaysAdmin(person: Person, workspaceId: string): Promise<boolean> {
    if (person.email && emails.has(person.email.toLowerCase())) return true;
    if (person.email && (await deps.admins.isListed(workspaceId, person.email.toLowerCase()))) return true;
    if (person.platform === 'console') return deps.consoleLocalAdmin && person.userId === CONSOLE_USER;
    if (person.platform === 'slack') {
      if ((await deps.admins.installer(workspaceId)) === person.userId) return true;
      const roles = await deps.slackRoles?.()?.(person.workspaceId, person.userId);
      return Boolean(roles?.isOwner || roles?.isAdmin);
    }
    return false;
  }

  async function nameOf(platform: Platform, externalWorkspaceId: string, userId: string): Promise<string> {
    if (platform !== 'slack') return userId;
    const roles = await deps.slackRoles?.()?.(externalWorkspaceId, userId);
    return `@${roles?.name ?? userId}`;
  }

  return {
    workspaceIdOf,
    nameOf,
    async isAdmin(person) {
      const workspaceId = await workspaceIdOf(person.platform, person.workspaceId);
      if (await deps.admins.isListed(workspaceId, person.userId)) return true;
      return await platformSaysAdmin(person, workspaceId);
    },
    async adminNames(workspace) {
      const workspaceId = await workspaceIdOf(workspace.platform, workspace.workspaceId);
      const users = await deps.admins.list(workspaceId);
      if (workspace.platform === 'slack') {
        const installer = await deps.admins.installer(workspaceId);
        if (installer && !users.includes(installer)) users.push(installer);
      }
      const names = new Set(
        await Promise.all(users.map((userId) => nameOf(workspace.platform, workspace.workspaceId, userId))),
      );
      if (workspace.platform !== 'slack') for (const email of emails) names.add(email);
      return [...names];
    },
  };
}
