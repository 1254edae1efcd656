/**
 * Prisma CLI configuration. DATABASE_URL is read directly (not with `env()`, which throws
 * when unset, even for `prisma generate`). scripts/prisma.ts sets it for the embedded
 * database and points the CLI at our offline schema engine.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env['DATABASE_URL'] ?? 'postgresql://127.0.0.1:5432/kotae',
    ...(process.env['SHADOW_DATABASE_URL'] ? { shadowDatabaseUrl: process.env['SHADOW_DATABASE_URL'] } : {}),
  },
});
