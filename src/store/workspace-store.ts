/** Workspaces (Slack teams, Google Workspace domains, the console) and their channel mappings. */
import type { Platform } from '../core/chat-event.ts';
import type { Locale } from '../core/locale.ts';
import type { ChannelMappingView } from '../core/ports/task-handler.ts';
import type { Workspace } from './generated/prisma/client.ts';
import { toDbPlatform } from './platform-codes.ts';
import type { Database } from './prisma-client.ts';

export type WorkspaceRecord = Workspace;

/** The mapping key that applies to every channel without its own mapping. */
export const DEFAULT_CHANNEL = '*';

export interface WorkspaceStore {
  /** The workspace for a platform's external id, created on first sight. */
  ensure(
    platform: Platform,
    externalId: string,
    defaults: { locale: Locale; timeZone: string; name?: string },
  ): Promise<WorkspaceRecord>;
  get(workspaceId: string): Promise<WorkspaceRecord | null>;
  /** The channel's own mapping, else the workspace default, else null. */
  findMapping(workspaceId: string, channelId: string): Promise<ChannelMappingView | null>;
}

export function createWorkspaceStore(db: Database): WorkspaceStore {
  return {
    async ensure(platform, externalId, defaults) {
      const where = { platform_externalId: { platform: toDbPlatform(platform), externalId } };
      try {
        return await db.workspace.upsert({
          where,
          create: {
            platform: toDbPlatform(platform),
            externalId,
            locale: defaults.locale,
            timeZone: defaults.timeZone,
            name: defaults.name ?? null,
          },
          update: {},
        });
      } catch (error) {
        // Prisma's upsert is read-then-write: two first questions from a new workspace at
        // once race to create it, and the loser gets P2002. The winner's row is the answer.
        if ((error as { code?: unknown }).code !== 'P2002') throw error;
        return await db.workspace.findUniqueOrThrow({ where });
      }
    },

    get: (workspaceId) => db.workspace.findUnique({ where: { id: workspaceId } }),

    async findMapping(workspaceId, channelId) {
      const mappings = await db.channelMapping.findMany({
        where: { workspaceId, channelId: { in: [channelId, DEFAULT_CHANNEL] } },
      });
      const mapping = mappings.find((m) => m.channelId === channelId) ?? mappings[0];
      if (!mapping) return null;
      return {
        projectId: mapping.projectId,
        allowedDatasets: mapping.allowedDatasets,
        location: mapping.location,
        maxBytesBilled: mapping.maxBytesBilled === null ? null : Number(mapping.maxBytesBilled),
      };
    },
  };
}
