/**
 * Applies the committed migrations (prisma/migrations) with `prisma migrate deploy`.
 * The CLI can exit 0 without applying anything when its engine fails to start, so the
 * result is confirmed by reading `_prisma_migrations` afterwards.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { KotaeError } from '../core/errors.ts';
import { runPrismaCliCapture } from './prisma-cli.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

export function committedMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function applyMigrations(databaseUrl: string): Promise<{ applied: string[] }> {
  // Already up to date (every restart of `kotae dev`): skip starting the CLI.
  const before = await appliedMigrations(databaseUrl).catch((): string[] => []);
  if (committedMigrations().every((name) => before.includes(name))) return { applied: before };
  const result = await runPrismaCliCapture(['migrate', 'deploy'], { databaseUrl });
  const applied = await appliedMigrations(databaseUrl).catch((): string[] => []);
  const missing = committedMigrations().filter((name) => !applied.includes(name));
  if (result.code !== 0 || missing.length > 0) {
    throw new KotaeError(
      'migrate_failed',
      `prisma migrate deploy failed (exit ${result.code}).\n${result.output}`,
      {
        data: { missing },
      },
    );
  }
  return { applied };
}

async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}
