/**
 * The warehouse the worker opens per task reads the channel's own budget before the
 * workspace default, counts the workspace's local day on the injected clock, and labels
 * the job kind. If this breaks, `/kotae limits bytes-per-day=…` in a channel would be saved
 * but not enforced, or the budget would reset at the wrong midnight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse, type Warehouse } from '../../src/app/warehouse.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { TaskView } from '../../src/core/ports/task-handler.ts';
import { createLimitsStore } from '../../src/store/limits-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';

const GIB = 1024n ** 3n;
// 2026-12-06 00:30 in Tokyo, still 2026-12-05 in UTC.
const clock = createManualClock(new Date('2026-12-05T15:30:00Z'));
let db: TestDatabase;
let warehouse: Warehouse;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  const config = loadConfig({ DUCKDB_PATH: await sharedDemoPath() });
  warehouse = await createWarehouse(config, db.prisma, silentLogger, { clock });
  await db.prisma.workspace.create({
    data: { id: 'w-budget', platform: 'CONSOLE', externalId: 'local-budget', bytesPerDay: 10n * GIB },
  });
  await createLimitsStore(db.prisma).update({
    workspaceId: 'w-budget',
    channelId: 'c-tight',
    bytesPerDay: 1n,
    updatedBy: 'admin',
  });
});

afterAll(async () => {
  await warehouse?.close();
  await db?.drop();
});

function task(channelId: string): TaskView {
  return {
    id: `task-${channelId}`,
    kind: 'QUESTION',
    thread: { platform: 'console', workspaceId: 'local-budget', channelId, threadId: 't1' },
    userId: 'u1',
    question: 'sales?',
    locale: 'en',
    attempt: 1,
    timeZone: 'Asia/Tokyo',
    workspace: { id: 'w-budget', model: null },
    mapping: null,
  };
}

async function execute(channelId: string) {
  const connection = await warehouse.open(task(channelId));
  try {
    return await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.sales' });
  } finally {
    await connection.close();
  }
}

describe("a channel's own daily budget", () => {
  it('refuses in the channel whose own budget is spent, with the notice; the workspace default lets others run', async () => {
    const tight = await execute('c-tight');
    expect(tight.isError).toBe(true);
    expect(tight.content).toContain("This channel's daily scan budget would be exceeded");
    expect(tight.content).toContain('(Asia/Tokyo)');

    const open = await execute('c-open');
    expect(open.isError).toBe(false);
    const ledger = await db.prisma.byteLedger.findMany({ where: { workspaceId: 'w-budget' } });
    // The injected clock's local day in Tokyo, not the UTC date.
    expect(ledger.map((row) => [row.channelId, row.day])).toEqual([['c-open', '2026-12-06']]);
    expect(ledger[0]!.usedBytes).toBeGreaterThan(0n);
    expect(ledger[0]!.reservedBytes).toBe(0n);
  });
});
