/**
 * The first questions from a new Slack team or Google Workspace often arrive together
 * (a team tries the bot at once). If ensure() raced, some of them got a 500 and Chat or
 * Slack told the asker the app was not responding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceStore } from '../../src/store/workspace-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('workspace store', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates a new workspace once when several first events arrive at the same time', async () => {
    const store = createWorkspaceStore(db.prisma);
    const defaults = { locale: 'ja' as const, timeZone: 'Asia/Tokyo' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.ensure('gchat', 'C0race', defaults)),
    );
    expect(new Set(results.map((w) => w.id)).size).toBe(1);
    expect(await db.prisma.workspace.count({ where: { externalId: 'C0race' } })).toBe(1);
  });
});
