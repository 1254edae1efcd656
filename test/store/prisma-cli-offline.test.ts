/**
 * The stock Prisma CLI, run through our WebAssembly schema engine (no download from
 * Prisma's binary host, which these machines and air-gapped customers cannot reach).
 * If this fails, `kotae migrate` or a developer's `migrate dev` breaks offline, or the
 * committed migrations no longer produce the schema the code was generated from.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrismaCliCapture } from '../../src/store/prisma-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postgresAdminUrl } from '../support/postgres-admin.ts';

describe('Prisma CLI offline', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reports a migrated database as up to date', async () => {
    const result = await runPrismaCliCapture(['migrate', 'status'], { databaseUrl: db.url });
    expect(result.output).toContain('Database schema is up to date');
    expect(result.code).toBe(0);
  });

  it('finds no drift between the committed migrations and prisma/schema.prisma', async () => {
    // Replays the migrations into a shadow database the engine creates and drops itself.
    const result = await runPrismaCliCapture(
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      { databaseUrl: db.url },
    );
    expect(result.output).toContain('No difference detected');
    expect(result.code).toBe(0);
  });

  it('shows the difference when the schema drifts from the migrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kotae-drift-'));
    const drifted = readFileSync('prisma/schema.prisma', 'utf8').replace(
      /model Feedback \{/,
      'model Feedback {\n  driftProbe Int?',
    );
    writeFileSync(join(dir, 'schema.prisma'), drifted);
    const result = await runPrismaCliCapture(
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        join(dir, 'schema.prisma'),
        '--exit-code',
      ],
      { databaseUrl: db.url },
    );
    expect(result.output).toContain('Added column `driftProbe`');
    expect(result.code).toBe(2);
  });

  it('says clearly when the database cannot be reached', async () => {
    const unreachable = postgresAdminUrl('kotae_no_such_database_ever');
    const result = await runPrismaCliCapture(['migrate', 'status'], { databaseUrl: unreachable });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/kotae_no_such_database_ever|does not exist|P1003/);
  });
});
