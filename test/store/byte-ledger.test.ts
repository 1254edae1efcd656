/**
 * A channel's daily byte budget. If the reservation were not atomic, questions racing in
 * #marketing could together scan past the budget an admin set, and BigQuery would bill it.
 * If settling or releasing were wrong, a channel would be refused for bytes it never used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.ts';
import { budgetRefusalNotice, createByteBudget, type BudgetScope } from '../../src/mcp/byte-budget.ts';
import { createByteLedgerStore } from '../../src/store/byte-ledger-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const GIB = 1024n ** 3n;

describe('byte ledger on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });

  const scope = (channelId: string, bytesPerDay: bigint): BudgetScope => ({
    workspaceId: 'W-race',
    channelId,
    timeZone: 'Asia/Tokyo',
    bytesPerDay,
  });

  it('never lets 20 racing questions in one channel pass the budget; the refused carry the notice', async () => {
    const ledger = createByteLedgerStore(db.prisma);
    const clock = createManualClock(new Date('2026-03-10T03:00:00Z'));
    const budget = createByteBudget({ ledger, clock });
    const limit = 100n * GIB;
    const marketing = scope('C-marketing', limit);

    const ask = async () => {
      const key = { workspaceId: 'W-race', channelId: 'C-marketing', day: '2026-03-10' };
      const totals = await ledger.totals(key);
      const remaining = limit - totals.usedBytes - totals.reservedBytes;
      const estimate = (remaining * 30n) / 100n;
      const outcome = await budget.reserve(marketing, estimate);
      if (!outcome.ok) return { executed: 0n, notice: budgetRefusalNotice(outcome, 'en', ['<@U-admin>']) };
      await outcome.settle(estimate);
      return { executed: estimate, notice: null };
    };
    const results = await Promise.all(Array.from({ length: 20 }, ask));

    const executed = results.reduce((sum, r) => sum + r.executed, 0n);
    expect(executed).toBeLessThanOrEqual(limit);
    const key = { workspaceId: 'W-race', channelId: 'C-marketing', day: '2026-03-10' };
    expect(await ledger.totals(key)).toEqual({ usedBytes: executed, reservedBytes: 0n });
    const refused = results.filter((r) => r.notice !== null);
    expect(refused.length).toBeGreaterThan(0);
    expect(results.length - refused.length).toBeGreaterThan(0);
    for (const { notice } of refused) {
      expect(notice).toContain('of 100 GB');
      expect(notice).toContain('Asia/Tokyo');
      expect(notice).toContain('<@U-admin>');
      expect(notice).toMatch(/resets at Mar 11, 2026, 12:00/);
    }

    const sales = await budget.reserve(scope('C-sales', limit), 30n * GIB);
    expect(sales.ok).toBe(true);
  });

  it('frees the difference when billed bytes are below the estimate, and releases a failed query', async () => {
    const ledger = createByteLedgerStore(db.prisma);
    const budget = createByteBudget({ ledger, clock: createManualClock(new Date('2026-03-10T03:00:00Z')) });
    const finance = scope('C-finance', 10n * GIB);
    const key = { workspaceId: 'W-race', channelId: 'C-finance', day: '2026-03-10' };

    const first = await budget.reserve(finance, 8n * GIB);
    if (!first.ok) throw new Error('the first query fits the budget');
    expect((await budget.reserve(finance, 4n * GIB)).ok).toBe(false);
    await first.settle(2n * GIB);
    expect(await ledger.totals(key)).toEqual({ usedBytes: 2n * GIB, reservedBytes: 0n });

    const failing = await budget.reserve(finance, 7n * GIB);
    if (!failing.ok) throw new Error('7 GiB fits after the difference was freed');
    await failing.release();
    expect(await ledger.totals(key)).toEqual({ usedBytes: 2n * GIB, reservedBytes: 0n });
    expect((await budget.reserve(finance, 8n * GIB)).ok).toBe(true);
  });

  it('refuses a single query larger than the whole budget', async () => {
    const budget = createByteBudget({
      ledger: createByteLedgerStore(db.prisma),
      clock: createManualClock(new Date('2026-03-10T03:00:00Z')),
    });
    const outcome = await budget.reserve(scope('C-big', 1n * GIB), 2n * GIB);
    expect(outcome.ok).toBe(false);
  });
});
