/**
 * Test databases, on both engines Kotae runs on:
 *  - "postgres": a fresh database on the machine's PostgreSQL, cloned from a migrated
 *    template (made once per suite run in global-setup), dropped afterwards;
 *  - "pglite": an in-memory PGlite served on loopback, migrated with the real CLI path.
 * Each test file gets its own database, so files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.ts';
import { applyMigrations } from '../../src/store/migrate.ts';
import { createPrismaClient, type Database } from '../../src/store/prisma-client.ts';
import { adminQuery, postgresAdminUrl } from './postgres-admin.ts';

export type DatabaseKind = 'postgres' | 'pglite';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['postgres', 'pglite'];

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  prisma: Database;
  /** Pool size the app should use against this database. */
  poolSize: number;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind = 'postgres'): Promise<TestDatabase> {
  return kind === 'postgres' ? await createPostgresDatabase() : await createPgliteDatabase();
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const template = inject('postgresTemplate');
  if (!template)
    throw new Error('PostgreSQL test template is missing: is PostgreSQL running on 127.0.0.1:5432?');
  const name = `kotae_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = postgresAdminUrl(name);
  const prisma = createPrismaClient(url, { poolSize: 4 });
  return {
    kind: 'postgres',
    url,
    prisma,
    poolSize: 4,
    drop: async () => {
      await prisma.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const server = await startEmbeddedPostgres();
  await applyMigrations(server.url);
  const prisma = createPrismaClient(server.url, { poolSize: 1 });
  return {
    kind: 'pglite',
    url: server.url,
    prisma,
    poolSize: 1,
    drop: async () => {
      await prisma.$disconnect();
      await server.stop();
    },
  };
}
