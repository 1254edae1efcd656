/**
 * If this fails, Kotae cannot store anything: the migrations do not apply on one of the
 * two engines it runs on, or the Prisma client cannot talk to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';

describe.each(DATABASE_KINDS)('database on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has every model table and enforces the workspace uniqueness', async () => {
    await db.prisma.workspace.create({ data: { platform: 'SLACK', externalId: 'T1' } });
    await expect(
      db.prisma.workspace.create({ data: { platform: 'SLACK', externalId: 'T1' } }),
    ).rejects.toThrow();
    expect(await db.prisma.task.count()).toBe(0);
    expect(await db.prisma.queryLog.count()).toBe(0);
  });
});
