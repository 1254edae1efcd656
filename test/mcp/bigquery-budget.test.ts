/**
 * execute_query on BigQuery reserves its dry-run estimate against the channel's daily
 * budget and settles the billed bytes. If this broke, #marketing could scan past the budget
 * an admin set, or be refused for bytes it never used; and the person refused would not be
 * told when the budget resets nor whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.ts';
import { createBigQueryBackend } from '../../src/mcp/bigquery/bigquery-backend.ts';
import { createByteBudget } from '../../src/mcp/byte-budget.ts';
import { connectWarehouse } from '../../src/mcp/connect-in-process.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { createByteLedgerStore } from '../../src/store/byte-ledger-store.ts';
import { startFakeBigQuery, type FakeBigQuery } from '../fakes/bigquery/fake-bigquery.ts';
import { PROJECT, retailEstate } from '../fakes/bigquery/retail-estate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { fakeBigQueryClient } from '../support/fake-bigquery-client.ts';
import { forBackend, LEGITIMATE } from '../support/sql-corpus.ts';

let fake: FakeBigQuery;
let db: TestDatabase;

beforeAll(async () => {
  fake = await startFakeBigQuery({ projectId: PROJECT, datasets: retailEstate() });
  db = await createTestDatabase('postgres');
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
});

const policy = {
  allowedDatasets: ['retail'],
  maxBytesBilled: 1024 ** 3,
  maxRows: 100,
  maxResultBytes: 65_536,
  timeoutMs: 10_000,
};

async function open(channelId: string, bytesPerDay: bigint) {
  const ledger = createByteLedgerStore(db.prisma);
  const clock = createManualClock(new Date('2026-03-10T03:00:00Z'));
  const server = createWarehouseServer({
    backend: createBigQueryBackend({ bigquery: fakeBigQueryClient(fake, PROJECT), projectId: PROJECT }),
    policy,
    context: { workspaceId: 'T0SLACK', channelId, userId: 'U0ANALYST' },
    clock,
    budget: {
      budget: createByteBudget({ ledger, clock }),
      scope: { workspaceId: 'T0SLACK', channelId, timeZone: 'Asia/Tokyo', bytesPerDay },
      locale: 'ja',
      admins: ['<@U0ADMIN>'],
    },
  });
  const key = { workspaceId: 'T0SLACK', channelId, day: '2026-03-10' };
  return { connection: await connectWarehouse(server), totals: () => ledger.totals(key) };
}

describe('daily byte budget on execute_query', () => {
  const sql = forBackend(LEGITIMATE, 'bigquery').find((entry) => /select/i.test(entry.sql))!.sql;

  it('settles the bytes billed, then refuses with the notice once the budget is spent', async () => {
    const probe = await open('C0PROBE', 10n ** 15n);
    const first = await probe.connection.callTool('execute_query', { sql });
    expect(first.isError).toBeFalsy();
    const billed = (await probe.totals()).usedBytes;
    expect(billed).toBeGreaterThan(0n);
    const executed = fake.jobs.filter((job) => !job.dryRun).length;
    await probe.connection.close();

    // A budget for one and a half such queries: the first runs, the second is refused.
    const marketing = await open('C0MARKETING', (billed * 3n) / 2n);
    expect((await marketing.connection.callTool('execute_query', { sql })).isError).toBeFalsy();
    const refused = await marketing.connection.callTool('execute_query', { sql });
    expect(refused.isError).toBe(true);
    expect(refused.content).toMatch(/^Refused: the channel's daily byte budget/);
    expect(refused.content).toContain('<@U0ADMIN>');
    expect(refused.content).toContain('Asia/Tokyo');
    expect(fake.jobs.filter((job) => !job.dryRun).length).toBe(executed + 1);
    expect(await marketing.totals()).toEqual({ usedBytes: billed, reservedBytes: 0n });
    await marketing.connection.close();
  });
});
