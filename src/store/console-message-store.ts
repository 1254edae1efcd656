/** Messages of the local console, the embedded chat platform. */
import type { Prisma } from './generated/prisma/client.ts';
import type { Database } from './prisma-client.ts';

export interface ConsoleMessageRecord {
  id: string;
  channelId: string;
  threadId: string;
  author: 'user' | 'bot';
  userId: string;
  content: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConsoleThreadSummary {
  threadId: string;
  title: string;
  updatedAt: Date;
}

export interface ConsoleMessageStore {
  create(
    input: Omit<ConsoleMessageRecord, 'id' | 'createdAt' | 'updatedAt'> & { id?: string },
  ): Promise<ConsoleMessageRecord>;
  /** Creates the message with this id, or returns the one that already has it. */
  createOnce(
    input: Omit<ConsoleMessageRecord, 'id' | 'createdAt' | 'updatedAt'> & { id: string },
  ): Promise<ConsoleMessageRecord>;
  update(id: string, content: unknown): Promise<ConsoleMessageRecord | null>;
  get(id: string): Promise<ConsoleMessageRecord | null>;
  listThread(channelId: string, threadId: string): Promise<ConsoleMessageRecord[]>;
  listThreads(channelId: string, limit: number): Promise<ConsoleThreadSummary[]>;
}

interface ConsoleMessageRow {
  id: string;
  channelId: string;
  threadId: string;
  author: string;
  userId: string;
  content: unknown;
  createdAt: Date;
  updatedAt: Date;
}

function toRecord(row: ConsoleMessageRow): ConsoleMessageRecord {
  return { ...row, author: row.author === 'bot' ? 'bot' : 'user' };
}

export function createConsoleMessageStore(db: Database): ConsoleMessageStore {
  return {
    async create(input) {
      const row = await db.consoleMessage.create({
        data: { ...input, content: input.content as Prisma.InputJsonValue },
      });
      return toRecord(row);
    },
    async createOnce(input) {
      // One raw statement (INSERT … ON CONFLICT DO NOTHING RETURNING) on the usual path, as
      // every task's placeholder posts one; only when the id exists (a concurrent twin's insert
      // won) is the winner read. Prisma's createMany + findUnique cost ~2.5× its CPU (0.64 vs 0.26 ms).
      const now = new Date();
      const [inserted] = await db.$queryRaw<ConsoleMessageRow[]>`
        INSERT INTO "ConsoleMessage" (id, "channelId", "threadId", author, "userId", content, "createdAt", "updatedAt")
        VALUES (${input.id}, ${input.channelId}, ${input.threadId}, ${input.author}, ${input.userId},
                ${JSON.stringify(input.content)}::jsonb, ${now}, ${now})
        ON CONFLICT (id) DO NOTHING
        RETURNING *`;
      return toRecord(inserted ?? (await db.consoleMessage.findUniqueOrThrow({ where: { id: input.id } })));
    },
    async update(id, content) {
      // One statement (UPDATE … RETURNING); a missing message is null, not an error.
      const [row] = await db.consoleMessage.updateManyAndReturn({
        where: { id },
        data: { content: content as Prisma.InputJsonValue },
      });
      return row ? toRecord(row) : null;
    },
    async get(id) {
      const row = await db.consoleMessage.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async listThread(channelId, threadId) {
      const rows = await db.consoleMessage.findMany({
        where: { channelId, threadId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toRecord);
    },
    async listThreads(channelId, limit) {
      // The thread's root is its first message (a question, or a digest the bot posted); its id is the thread id.
      const roots = await db.consoleMessage.findMany({
        where: { channelId, id: { equals: db.consoleMessage.fields.threadId } },
        orderBy: { createdAt: 'desc' },
        take: limit,
      });
      return roots.map((root) => ({
        threadId: root.threadId,
        // A bot root (a digest) keeps its text in the reply; its first line is the title.
        title: String(
          (root.content as { text?: unknown; reply?: { text?: unknown } }).text ??
            (root.content as { reply?: { text?: unknown } }).reply?.text ??
            '',
        )
          .split('\n')[0]!
          .replace(/\*\*/g, '')
          .slice(0, 80),
        updatedAt: root.updatedAt,
      }));
    },
  };
}
