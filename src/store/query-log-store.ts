/**
 * The query log in the database (model QueryLog): every warehouse query the MCP server ran,
 * refused or saw fail. It implements the warehouse's QueryLogSink port (src/mcp/query-log.ts)
 * with the one entry type in core.
 */
import type { QueryLogEntry, QueryVerdict } from '../core/query-log-entry.ts';
import type { Database } from './prisma-client.ts';

export interface StoredQueryLog extends QueryLogEntry {
  id: string;
}

export interface PrismaQueryLog {
  record(entry: QueryLogEntry): Promise<void>;
  /** Newest first, e.g. for an admin's "what ran in this workspace" view. */
  recent(filter: { workspaceId?: string; limit: number }): Promise<StoredQueryLog[]>;
}

/** QueryLog.rows and durationMs are 32-bit ints; BigQuery can count more rows than that. */
const INT32_MAX = 2_147_483_647;

const clampInt = (value: number): number => Math.min(INT32_MAX, Math.max(0, Math.round(value)));

export function createPrismaQueryLog(prisma: Database): PrismaQueryLog {
  return {
    async record(entry) {
      await prisma.queryLog.create({
        data: {
          taskId: entry.taskId ?? null,
          workspaceId: entry.workspaceId ?? null,
          channelId: entry.channelId ?? null,
          userId: entry.userId ?? null,
          backend: entry.backend,
          sql: entry.sql,
          verdict: entry.verdict,
          reason: entry.reason ?? null,
          bytesProcessed:
            entry.bytesProcessed === undefined ? null : BigInt(Math.round(entry.bytesProcessed)),
          rows: entry.rows === undefined ? null : clampInt(entry.rows),
          durationMs: clampInt(entry.durationMs),
          jobId: entry.jobId ?? null,
          createdAt: entry.createdAt,
        },
      });
    },
    async recent({ workspaceId, limit }) {
      const rows = await prisma.queryLog.findMany({
        where: workspaceId ? { workspaceId } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map((row) => ({
        id: row.id,
        backend: row.backend,
        sql: row.sql,
        verdict: row.verdict as QueryVerdict,
        durationMs: row.durationMs,
        createdAt: row.createdAt,
        ...(row.taskId ? { taskId: row.taskId } : {}),
        ...(row.workspaceId ? { workspaceId: row.workspaceId } : {}),
        ...(row.channelId ? { channelId: row.channelId } : {}),
        ...(row.userId ? { userId: row.userId } : {}),
        ...(row.reason ? { reason: row.reason } : {}),
        ...(row.bytesProcessed !== null ? { bytesProcessed: Number(row.bytesProcessed) } : {}),
        ...(row.rows !== null ? { rows: row.rows } : {}),
        ...(row.jobId ? { jobId: row.jobId } : {}),
      }));
    },
  };
}
