/**
 * Makes (once per set of migrations) a migrated template database on the machine's
 * PostgreSQL, so each test file can clone a fresh database in ~100 ms instead of
 * running the migrations again. The name carries a hash of the migrations, so a new
 * migration makes a new template.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyMigrations, committedMigrations } from '../../src/store/migrate.ts';
import { adminQuery, postgresAdminUrl } from './postgres-admin.ts';

export async function ensurePostgresTemplate(): Promise<string | null> {
  const dir = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const name of committedMigrations())
    hash.update(name).update(readFileSync(`${dir}${name}/migration.sql`));
  const name = `kotae_template_${hash.digest('hex').slice(0, 12)}`;
  try {
    if (await databaseExists(name)) return name;
  } catch (error) {
    console.warn(`[kotae tests] PostgreSQL unreachable (${String(error)}): PostgreSQL tests will fail.`);
    return null;
  }
  const building = `${name}_building_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${building}"`);
  await applyMigrations(postgresAdminUrl(building));
  await adminQuery(`ALTER DATABASE "${building}" RENAME TO "${name}"`).catch(async (error) => {
    // Another run built it meanwhile.
    await adminQuery(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    if (!(await databaseExists(name))) throw error;
  });
  return name;
}

async function databaseExists(name: string): Promise<boolean> {
  return (await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [name])) > 0;
}
