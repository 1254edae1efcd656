/**
 * The embedded database: PGlite (PostgreSQL 18 in WebAssembly) served on a loopback port
 * with pglite-socket, so Prisma (through adapter-pg) and the Prisma CLI talk to it exactly
 * as they talk to PostgreSQL in production. Data lives in a directory under `.kotae/`.
 *
 * Clients must use a pool of ONE connection: with more, queries on other connections
 * returned null or wrong rows while an interactive transaction was open (ENVIRONMENT.md).
 * One process at a time per data directory (data-dir-lock.ts).
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock.ts';

export interface EmbeddedPostgres {
  /** A postgresql:// URL for adapter-pg and the Prisma CLI. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory, or undefined for an in-memory database (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Before PGlite touches the files: a second process gets one clear line instead.
  const lock = options.dataDir ? lockDataDir(options.dataDir) : null;
  let db: PGlite;
  try {
    db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  } catch (error) {
    lock?.release();
    throw error;
  }
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    // The CLI's schema engine and our app each hold a connection; queries are queued
    // per statement inside pglite-socket.
    maxConnections: 8,
  });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgresql://postgres@${conn}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
      lock?.release();
    },
  };
}
