/**
 * The Prisma client over adapter-pg: the same code for PostgreSQL (Cloud SQL) and for the
 * embedded PGlite. The embedded database needs a pool of one connection (see
 * embedded-postgres.ts), so the pool size is the caller's choice.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Database = PrismaClient;
export { Prisma } from './generated/prisma/client.ts';
export type * from './generated/prisma/client.ts';

export interface PrismaClientOptions {
  /** Maximum connections in the pool; must be 1 for the embedded PGlite. */
  poolSize: number;
}

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions): Database {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize });
  return new PrismaClient({ adapter });
}
