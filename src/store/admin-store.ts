/**
 * The Admin table, the workspace's model and the installer of a Slack workspace: what the
 * admin policy and the admin verbs read and write. Writes record themselves in the audit.
 */
import { writeAudit } from './admin-audit.ts';
import type { Database } from './prisma-client.ts';

export type RemoveAdminOutcome = 'removed' | 'not_admin' | 'last_admin';

export interface AdminStore {
  list(workspaceId: string): Promise<string[]>;
  isListed(workspaceId: string, userId: string): Promise<boolean>;
  /** False when the user was already an admin. */
  add(workspaceId: string, userId: string, actor: string): Promise<boolean>;
  /** Refuses to remove the last admin in the table. */
  remove(workspaceId: string, userId: string, actor: string): Promise<RemoveAdminOutcome>;
  /** The Slack user who installed the app, when an OAuth installation recorded one. */
  installer(workspaceId: string): Promise<string | null>;
  model(workspaceId: string): Promise<string | null>;
  setModel(workspaceId: string, model: string | null, actor: string): Promise<void>;
}

export function createAdminStore(db: Database): AdminStore {
  return {
    async list(workspaceId) {
      const rows = await db.admin.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
      return rows.map((row) => row.userId);
    },
    async isListed(workspaceId, userId) {
      return (await db.admin.count({ where: { workspaceId, userId } })) > 0;
    },
    async add(workspaceId, userId, actor) {
      return await db.$transaction(async (tx) => {
        const existing = await tx.admin.findUnique({
          where: { workspaceId_userId: { workspaceId, userId } },
        });
        if (existing) return false;
        await tx.admin.create({ data: { workspaceId, userId } });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'admins.add',
          target: userId,
          before: null,
          after: { userId },
        });
        return true;
      });
    },
    async remove(workspaceId, userId, actor) {
      return await db.$transaction(async (tx) => {
        const rows = await tx.admin.findMany({ where: { workspaceId } });
        if (!rows.some((row) => row.userId === userId)) return 'not_admin';
        if (rows.length <= 1) return 'last_admin';
        await tx.admin.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'admins.remove',
          target: userId,
          before: { userId },
          after: null,
        });
        return 'removed';
      });
    },
    async installer(workspaceId) {
      const row = await db.installation.findFirst({
        where: { workspaceId, userId: { not: null } },
        orderBy: { createdAt: 'asc' },
        select: { userId: true },
      });
      return row?.userId ?? null;
    },
    async model(workspaceId) {
      return (
        (await db.workspace.findUnique({ where: { id: workspaceId }, select: { model: true } }))?.model ??
        null
      );
    },
    async setModel(workspaceId, model, actor) {
      await db.$transaction(async (tx) => {
        const before = await tx.workspace.findUniqueOrThrow({
          where: { id: workspaceId },
          select: { model: true },
        });
        await tx.workspace.update({ where: { id: workspaceId }, data: { model } });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'model',
          target: null,
          before: before.model,
          after: model,
        });
      });
    },
  };
}
