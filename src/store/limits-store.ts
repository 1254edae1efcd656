/**
 * A workspace's limits: the daily byte budget (a channel's own, else the workspace default)
 * and questions per user per hour. `/kotae limits` reads and writes them here; the warehouse
 * reads the channel's budget before each task.
 */
import type { Database } from './prisma-client.ts';

export interface ChannelLimits {
  /** The budget that applies to the channel; null means none. */
  bytesPerDay: bigint | null;
  /** Where it comes from: the channel's own setting or the workspace default. */
  bytesPerDaySource: 'channel' | 'workspace';
  workspaceBytesPerDay: bigint | null;
  /** null means the global default (USER_TASKS_PER_HOUR). */
  questionsPerHour: number | null;
}

export interface LimitsUpdate {
  workspaceId: string;
  /** Set the channel's own budget; absent sets the workspace default. */
  channelId?: string;
  bytesPerDay?: bigint | null;
  questionsPerHour?: number;
  updatedBy: string;
}

export interface LimitsStore {
  forChannel(workspaceId: string, channelId: string): Promise<ChannelLimits>;
  /** Everything in one transaction: all of it is saved, or none. */
  update(change: LimitsUpdate): Promise<void>;
  /** Bytes settled + reserved today in the channel and in the whole workspace. */
  bytesToday(
    workspaceId: string,
    channelId: string,
    day: string,
  ): Promise<{ channel: bigint; workspace: bigint }>;
  /** Questions this person asked since `since`. */
  questionsSince(workspaceId: string, userId: string, since: Date): Promise<number>;
}

export function createLimitsStore(db: Database): LimitsStore {
  return {
    async forChannel(workspaceId, channelId) {
      const [workspace, channel] = await Promise.all([
        db.workspace.findUnique({
          where: { id: workspaceId },
          select: { bytesPerDay: true, maxTasksPerHour: true },
        }),
        db.channelBudget.findUnique({ where: { workspaceId_channelId: { workspaceId, channelId } } }),
      ]);
      const workspaceBytes = workspace?.bytesPerDay ?? null;
      return {
        bytesPerDay: channel ? channel.bytesPerDay : workspaceBytes,
        bytesPerDaySource: channel ? 'channel' : 'workspace',
        workspaceBytesPerDay: workspaceBytes,
        questionsPerHour: workspace?.maxTasksPerHour ?? null,
      };
    },

    async update(change) {
      await db.$transaction(async (tx) => {
        const workspaceData: { bytesPerDay?: bigint | null; maxTasksPerHour?: number } = {};
        if (change.questionsPerHour !== undefined) workspaceData.maxTasksPerHour = change.questionsPerHour;
        if (change.bytesPerDay !== undefined && change.channelId === undefined) {
          workspaceData.bytesPerDay = change.bytesPerDay;
        }
        if (Object.keys(workspaceData).length > 0) {
          await tx.workspace.update({ where: { id: change.workspaceId }, data: workspaceData });
        }
        if (change.bytesPerDay !== undefined && change.channelId !== undefined) {
          const key = { workspaceId: change.workspaceId, channelId: change.channelId };
          await tx.channelBudget.upsert({
            where: { workspaceId_channelId: key },
            create: { ...key, bytesPerDay: change.bytesPerDay, updatedBy: change.updatedBy },
            update: { bytesPerDay: change.bytesPerDay, updatedBy: change.updatedBy },
          });
        }
      });
    },

    async bytesToday(workspaceId, channelId, day) {
      const rows = await db.byteLedger.findMany({ where: { workspaceId, day } });
      let channel = 0n;
      let workspace = 0n;
      for (const row of rows) {
        const bytes = row.usedBytes + row.reservedBytes;
        workspace += bytes;
        if (row.channelId === channelId) channel += bytes;
      }
      return { channel, workspace };
    },

    async questionsSince(workspaceId, userId, since) {
      return await db.task.count({
        where: { workspaceId, userId, kind: 'QUESTION', createdAt: { gte: since } },
      });
    },
  };
}
