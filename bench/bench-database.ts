/**
 * The PostgreSQL a benchmark runs on, found the way the tests find theirs: the database
 * KOTAE_BENCH_DATABASE_URL names (already migrated), or else a throwaway database on the
 * machine's PostgreSQL (TEST_POSTGRES_URL, default 127.0.0.1:5432), migrated here and
 * dropped afterwards. Null when no PostgreSQL answers: the benchmark then says it ran on
 * the embedded PGlite instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../src/store/migrate.ts';

export interface BenchDatabase {
  url: string;
  /** Where it came from, for the report's note. */
  source: string;
  drop(): Promise<void>;
}

const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function withDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function benchPostgres(): Promise<BenchDatabase | null> {
  const named = process.env['KOTAE_BENCH_DATABASE_URL'];
  if (named) return { url: named, source: 'KOTAE_BENCH_DATABASE_URL', drop: async () => {} };
  const adminUrl = withDatabase(process.env['TEST_POSTGRES_URL'] ?? DEFAULT_ADMIN_URL, 'postgres');
  const name = `kotae_bench_${randomBytes(5).toString('hex')}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  } catch {
    return null;
  }
  const drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const url = withDatabase(adminUrl, name);
  try {
    await applyMigrations(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, source: `${new URL(adminUrl).host}, throwaway database`, drop };
}
