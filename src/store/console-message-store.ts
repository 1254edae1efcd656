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

function toRecord(row: {
  id: string;
  channelId: string;
  threadId: string;
  author: string;
  userId: string;
  content: unknown;
  createdAt: Date;
  updatedAt: Date;
}): ConsoleMessageRecord {
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
      // Skips the insert when the id exists; a concurrent twin's insert wins, this one reads it.
      await db.consoleMessage.createMany({
        data: [{ ...input, content: input.content as Prisma.InputJsonValue }],
        skipDuplicates: true,
      });
      return toRecord(await db.consoleMessage.findUniqueOrThrow({ where: { id: input.id } }));
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
