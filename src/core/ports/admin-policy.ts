/**
 * Who may change a workspace's settings. The admin plane implements it (Slack owners and
 * admins and the installer, KOTAE_ADMIN_EMAILS, the console's local user, the Admin table);
 * verbs that need an admin (`map`, `limits`, a digest someone else owns, …) only ask it.
 */
import type { Platform } from '../chat-event.ts';

export interface Person {
  platform: Platform;
  workspaceId: string;
  userId: string;
  /** The person's email, when the platform gives one (Google Chat, the console behind IAP). */
  email?: string;
}

export interface AdminPolicy {
  isAdmin(person: Person): Promise<boolean>;
  /** How to name the workspace's admins to a person who needs one (mentions or emails). */
  adminNames(workspace: { platform: Platform; workspaceId: string }): Promise<string[]>;
}
