/**
 * Writes and lists channel mappings (channel "*" is the workspace default). Every write
 * records itself in the admin audit, in one transaction. Reads for tasks stay in the
 * workspace store (`findMapping`).
 */
import type { ChannelMappingView } from '../core/ports/task-handler.ts';
import { writeAudit } from './admin-audit.ts';
import type { Database } from './prisma-client.ts';

export interface StoredMapping extends ChannelMappingView {
  channelId: string;
}

export interface MappingStore {
  get(workspaceId: string, channelId: string): Promise<StoredMapping | null>;
  list(workspaceId: string): Promise<StoredMapping[]>;
  set(workspaceId: string, mapping: StoredMapping, actor: string): Promise<void>;
  /** False when there was nothing to remove. */
  remove(workspaceId: string, channelId: string, actor: string): Promise<boolean>;
}

type Row = {
  channelId: string;
  projectId: string;
  allowedDatasets: string[];
  location: string | null;
  maxBytesBilled: bigint | null;
};

function view(row: Row): StoredMapping {
  return {
    channelId: row.channelId,
    projectId: row.projectId,
    allowedDatasets: row.allowedDatasets,
    location: row.location,
    maxBytesBilled: row.maxBytesBilled === null ? null : Number(row.maxBytesBilled),
  };
}

export function createMappingStore(db: Database): MappingStore {
  return {
    async get(workspaceId, channelId) {
      const row = await db.channelMapping.findUnique({
        where: { workspaceId_channelId: { workspaceId, channelId } },
      });
      return row ? view(row) : null;
    },
    async list(workspaceId) {
      const rows = await db.channelMapping.findMany({
        where: { workspaceId },
        orderBy: { channelId: 'asc' },
      });
      return rows.map(view);
    },
    async set(workspaceId, mapping, actor) {
      const data = {
        projectId: mapping.projectId,
        allowedDatasets: mapping.allowedDatasets,
        location: mapping.location,
        maxBytesBilled: mapping.maxBytesBilled === null ? null : BigInt(mapping.maxBytesBilled),
      };
      await db.$transaction(async (tx) => {
        const where = { workspaceId_channelId: { workspaceId, channelId: mapping.channelId } };
        const before = await tx.channelMapping.findUnique({ where });
        await tx.channelMapping.upsert({
          where,
          create: { workspaceId, channelId: mapping.channelId, ...data },
          update: data,
        });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'map',
          target: mapping.channelId,
          before: before ? view(before) : null,
          after: mapping,
        });
      });
    },
    async remove(workspaceId, channelId, actor) {
      return await db.$transaction(async (tx) => {
        const where = { workspaceId_channelId: { workspaceId, channelId } };
        const before = await tx.channelMapping.findUnique({ where });
        if (!before) return false;
        await tx.channelMapping.delete({ where });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'unmap',
          target: channelId,
          before: view(before),
          after: null,
        });
        return true;
      });
    },
  };
}
