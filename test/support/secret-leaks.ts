/**
 * Where a secret must never show up in plaintext, for the key form tests of every platform
 * (Slack modal, Google Chat dialog): every row of every table, and every log line.
 */
import type { Logger } from '../../src/core/logger.ts';
import type { Database } from '../../src/store/prisma-client.ts';

/** A logger that keeps each line (message and fields, errors with their stacks) as JSON. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const replacer = (_key: string, value: unknown) =>
    value instanceof Error ? { message: value.message, stack: value.stack } : value;
  const keep = (message: string, fields?: Record<string, unknown>) =>
    void lines.push(JSON.stringify([message, fields ?? {}], replacer));
  return { logger: { debug: keep, info: keep, warn: keep, error: keep }, lines };
}

/** Every row of every table in the database's public schema, as one string. */
export async function databaseDump(prisma: Database): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const rows: string[] = [];
  for (const { name } of tables) {
    const found = await prisma.$queryRawUnsafe<Array<{ row: string }>>(
      `SELECT row_to_json(t)::text AS row FROM "${name.replace(/"/g, '""')}" t`,
    );
    rows.push(...found.map((r) => `${name}: ${r.row}`));
  }
  return rows.join('\n');
}
