/**
 * Opens the configured database: PostgreSQL at DATABASE_URL, or the embedded PGlite under
 * the data directory. Applies the committed migrations when asked (`kotae dev` does).
 */
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { startEmbeddedPostgres } from '../store/embedded-postgres.ts';
import { applyMigrations } from '../store/migrate.ts';
import { createPrismaClient, type Database } from '../store/prisma-client.ts';

export interface OpenDatabase {
  url: string;
  db: Database;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Config,
  logger: Logger,
  options: { migrate: boolean },
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pglite') });
  const url = config.databaseUrl ?? embedded!.url;
  if (embedded) logger.info('embedded database started', { dataDir: join(config.dataDir, 'pglite') });
  if (options.migrate) {
    const { applied } = await applyMigrations(url);
    logger.info('migrations applied', { count: applied.length });
  }
  const db = createPrismaClient(url, { poolSize: config.databasePoolSize });
  return {
    url,
    db,
    close: async () => {
      await db.$disconnect();
      await embedded?.stop();
    },
  };
}
