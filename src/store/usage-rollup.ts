/**
 * The part of a usage period that retention has already rolled up: UsageDaily rows (one per
 * workspace, local day, channel, user and model) for the local days the period covers.
 * Retention moves each task, query log and vote into the roll-up in the statement that
 * deletes it, so a row is either still in its table or counted here, never both: the two
 * add up. Time to answer is not rolled up; p50/p95 cover the rows still kept.
 */
import { Prisma } from './generated/prisma/client.ts';
import { localDay } from '../core/local-day.ts';
import type { Database } from './prisma-client.ts';

/** The period and grouping of a usage query (usage-store's UsageQuery). */
export interface RollupQuery {
  workspaceId: string;
  channelId?: string;
  from: Date;
  to: Date;
  by: 'channel' | 'user' | 'model';
  timeZone: string;
}

export interface RolledUpRow {
  key: string;
  model: string;
  day: string;
  channelId: string;
  asked: number;
  answered: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  bytes: bigint;
  up: number;
  down: number;
}

const ROLLUP_GROUP: Record<RollupQuery['by'], Prisma.Sql> = {
  channel: Prisma.raw('u."channelId"'),
  user: Prisma.raw('u."userId"'),
  model: Prisma.raw('u.model'),
};

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export async function rolledUpUsage(db: Database, query: RollupQuery): Promise<RolledUpRow[]> {
  const firstDay = localDay(query.from, query.timeZone).day;
  const lastDay = localDay(new Date(query.to.getTime() - 1), query.timeZone).day;
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${ROLLUP_GROUP[query.by]} AS key, u.model, u.day, u."channelId" AS channel,
           sum(u.asked) AS asked, sum(u.answered) AS answered, sum(u.failed) AS failed,
           sum(u."inputTokens") AS input, sum(u."outputTokens") AS output, sum(u.bytes) AS bytes,
           sum(u.up) AS up, sum(u.down) AS down
      FROM "UsageDaily" u
     WHERE u."workspaceId" = ${query.workspaceId} AND u.day >= ${firstDay} AND u.day <= ${lastDay}
       ${query.channelId === undefined ? Prisma.empty : Prisma.sql`AND u."channelId" = ${query.channelId}`}
     GROUP BY 1, 2, 3, 4`;
  return rows.map((row) => ({
    key: String(row['key']),
    model: String(row['model']),
    day: String(row['day']),
    channelId: String(row['channel']),
    asked: num(row['asked']),
    answered: num(row['answered']),
    failed: num(row['failed']),
    inputTokens: num(row['input']),
    outputTokens: num(row['output']),
    bytes: BigInt(String(row['bytes'] ?? 0)),
    up: num(row['up']),
    down: num(row['down']),
  }));
}
