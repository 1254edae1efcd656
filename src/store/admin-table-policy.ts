/**
 * A minimal AdminPolicy over the Admin table: a person is an admin when their user id is
 * listed for their workspace. The admin plane's policy (owners, KOTAE_ADMIN_EMAILS, the
 * console user, …) replaces it; start-kotae uses this one only when none is given.
 */
import type { AdminPolicy } from '../core/ports/admin-policy.ts';
import { toDbPlatform } from './platform-codes.ts';
import type { Database } from './prisma-client.ts';

export function createAdminTablePolicy(db: Database): AdminPolicy {
  const adminsOf = async (platform: Parameters<typeof toDbPlatform>[0], externalId: string) => {
    const workspace = await db.workspace.findUnique({
      where: { platform_externalId: { platform: toDbPlatform(platform), externalId } },
      select: { admins: { select: { userId: true }, orderBy: { createdAt: 'asc' } } },
    });
    return workspace?.admins.map((admin) => admin.userId) ?? [];
  };
  return {
    async isAdmin(person) {
      return (await adminsOf(person.platform, person.workspaceId)).includes(person.userId);
    },
    async adminNames(workspace) {
      // Plain ids: the reply converters escape Slack's <@…> mention syntax as text.
      return await adminsOf(workspace.platform, workspace.workspaceId);
    },
  };
}
