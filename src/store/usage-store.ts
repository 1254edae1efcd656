/**
 * The figures behind `/kotae usage`: per group (channel, user or model) over a period,
 * questions asked, answered and failed, p50/p95 time to answer, warehouse bytes, LLM tokens
 * per model and 👍/👎; plus bytes per local day and channel for the chart. Each table is
 * read once over the period through its (workspaceId, createdAt) index, so a long history
 * costs only the rows inside the period. Days retention has deleted come from the UsageDaily
 * roll-up (usage-rollup.ts), so the figures survive retention.
 */
import { Prisma } from './generated/prisma/client.ts';
import type { Database } from './prisma-client.ts';
import { rolledUpUsage } from './usage-rollup.ts';

export type UsageGrouping = 'channel' | 'user' | 'model';

export interface UsageQuery {
  workspaceId: string;
  /** Only this channel (a non-admin's view); absent: the whole workspace. */
  channelId?: string;
  from: Date;
  to: Date;
  by: UsageGrouping;
  /** For the per-day chart. */
  timeZone: string;
}

export interface UsageGroup {
  key: string;
  asked: number;
  answered: number;
  failed: number;
  p50Ms: number | null;
  p95Ms: number | null;
  bytes: bigint;
  /** Tokens per model, so each can be priced. */
  tokens: Array<{ model: string; input: number; output: number }>;
  up: number;
  down: number;
}

export interface UsageFigures {
  groups: UsageGroup[];
  /** Bytes per local day (YYYY-MM-DD) and channel. */
  daily: Array<{ day: string; channelId: string; bytes: bigint }>;
}

/** The model a task ran without one recorded. */
export const NO_MODEL = '-';

const GROUP_COLUMN: Record<UsageGrouping, Prisma.Sql> = {
  channel: Prisma.raw('t."channelId"'),
  user: Prisma.raw('t."userId"'),
  model: Prisma.raw(`COALESCE(t.model, '${NO_MODEL}')`),
};

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export function createUsageStore(db: Database) {
  return {
    async figures(query: UsageQuery): Promise<UsageFigures> {
      const { workspaceId, from, to, timeZone } = query;
      const group = GROUP_COLUMN[query.by];
      const taskScope = Prisma.sql`t."workspaceId" = ${workspaceId} AND t.kind = 'QUESTION'
        AND t."createdAt" >= ${from} AND t."createdAt" < ${to}
        ${query.channelId === undefined ? Prisma.empty : Prisma.sql`AND t."channelId" = ${query.channelId}`}`;
      const logScope = Prisma.sql`q."workspaceId" = ${workspaceId} AND q.verdict = 'EXECUTED'
        AND q."createdAt" >= ${from} AND q."createdAt" < ${to}
        ${query.channelId === undefined ? Prisma.empty : Prisma.sql`AND q."channelId" = ${query.channelId}`}`;
      const logGroup =
        query.by === 'user'
          ? Prisma.raw(`COALESCE(q."userId", '${NO_MODEL}')`)
          : Prisma.raw(`COALESCE(q."channelId", '${NO_MODEL}')`);

      const [tasks, tokens, bytes, feedback, rolled] = await Promise.all([
        db.$queryRaw<Array<Record<string, unknown>>>`
          SELECT ${group} AS key, count(*) AS asked,
                 count(*) FILTER (WHERE t.status = 'COMPLETED') AS answered,
                 count(*) FILTER (WHERE t.status = 'FAILED') AS failed,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM t."completedAt" - t."createdAt") * 1000)
                   FILTER (WHERE t.status = 'COMPLETED' AND t."completedAt" IS NOT NULL) AS p50,
                 percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM t."completedAt" - t."createdAt") * 1000)
                   FILTER (WHERE t.status = 'COMPLETED' AND t."completedAt" IS NOT NULL) AS p95
            FROM "Task" t WHERE ${taskScope} GROUP BY 1`,
        db.$queryRaw<Array<Record<string, unknown>>>`
          SELECT ${group} AS key, COALESCE(t.model, ${NO_MODEL}) AS model,
                 sum(t."inputTokens") AS input, sum(t."outputTokens") AS output
            FROM "Task" t WHERE ${taskScope} GROUP BY 1, 2`,
        query.by === 'model'
          ? // The model lives on the task: sum each task's logs first, so the join meets one
            // row per task and day instead of one per query (5× fewer on a busy workspace).
            db.$queryRaw<Array<Record<string, unknown>>>`
          WITH per_task AS (
            SELECT q."taskId",
                   to_char((q."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
                   COALESCE(q."channelId", ${NO_MODEL}) AS channel,
                   sum(q."bytesProcessed") AS bytes
              FROM "QueryLog" q WHERE ${logScope} GROUP BY 1, 2, 3)
          SELECT COALESCE(t.model, ${NO_MODEL}) AS key, p.day, p.channel, COALESCE(sum(p.bytes), 0) AS bytes
            FROM per_task p LEFT JOIN "Task" t ON t.id = p."taskId"
           GROUP BY GROUPING SETS ((1), (2, 3))`
          : db.$queryRaw<Array<Record<string, unknown>>>`
          SELECT ${logGroup} AS key,
                 to_char((q."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
                 COALESCE(q."channelId", ${NO_MODEL}) AS channel,
                 COALESCE(sum(q."bytesProcessed"), 0) AS bytes
            FROM "QueryLog" q WHERE ${logScope}
           GROUP BY GROUPING SETS ((1), (2, 3))`,
        db.$queryRaw<Array<Record<string, unknown>>>`
          SELECT ${group} AS key, count(*) FILTER (WHERE f.value = 'up') AS up,
                 count(*) FILTER (WHERE f.value = 'down') AS down
            FROM "Feedback" f JOIN "Task" t ON t.id = f."taskId" WHERE ${taskScope} GROUP BY 1`,
        rolledUpUsage(db, query),
      ]);

      const groups = new Map<string, UsageGroup>();
      const groupOf = (key: unknown): UsageGroup => {
        const name = String(key ?? NO_MODEL);
        let found = groups.get(name);
        if (!found) {
          found = {
            key: name,
            asked: 0,
            answered: 0,
            failed: 0,
            p50Ms: null,
            p95Ms: null,
            bytes: 0n,
            tokens: [],
            up: 0,
            down: 0,
          };
          groups.set(name, found);
        }
        return found;
      };
      for (const row of tasks) {
        const g = groupOf(row['key']);
        g.asked = num(row['asked']);
        g.answered = num(row['answered']);
        g.failed = num(row['failed']);
        g.p50Ms = row['p50'] === null ? null : Number(row['p50']);
        g.p95Ms = row['p95'] === null ? null : Number(row['p95']);
      }
      for (const row of tokens) {
        groupOf(row['key']).tokens.push({
          model: String(row['model']),
          input: num(row['input']),
          output: num(row['output']),
        });
      }
      const daily: UsageFigures['daily'] = [];
      for (const row of bytes) {
        const total = BigInt(String(row['bytes'] ?? 0));
        // The (day, channel) grouping set has a day; the per-group set has none.
        if (row['day'] !== null)
          daily.push({ day: String(row['day']), channelId: String(row['channel']), bytes: total });
        else groupOf(row['key']).bytes = total;
      }
      for (const row of feedback) {
        const g = groupOf(row['key']);
        g.up = num(row['up']);
        g.down = num(row['down']);
      }
      // Days retention already rolled up: added to what is still kept (never both).
      const days = new Map(daily.map((entry) => [`${entry.day}\0${entry.channelId}`, entry]));
      for (const row of rolled) {
        const g = groupOf(row.key);
        g.asked += row.asked;
        g.answered += row.answered;
        g.failed += row.failed;
        g.bytes += row.bytes;
        g.up += row.up;
        g.down += row.down;
        if (row.inputTokens > 0 || row.outputTokens > 0) {
          const tokens = g.tokens.find((entry) => entry.model === row.model);
          if (tokens) {
            tokens.input += row.inputTokens;
            tokens.output += row.outputTokens;
          } else g.tokens.push({ model: row.model, input: row.inputTokens, output: row.outputTokens });
        }
        if (row.bytes > 0n) {
          const id = `${row.day}\0${row.channelId}`;
          const day = days.get(id);
          if (day) day.bytes += row.bytes;
          else {
            const entry = { day: row.day, channelId: row.channelId, bytes: row.bytes };
            days.set(id, entry);
            daily.push(entry);
          }
        }
      }
      daily.sort((a, b) => a.day.localeCompare(b.day) || a.channelId.localeCompare(b.channelId));
      return {
        groups: [...groups.values()].sort((a, b) => b.asked - a.asked || a.key.localeCompare(b.key)),
        daily,
      };
    },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
