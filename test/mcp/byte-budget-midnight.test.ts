/**
 * The budget resets at the workspace's local midnight. If it reset at UTC midnight, a Tokyo
 * team would be locked out until 9 am, and a Los Angeles team would get a fresh budget at 4 pm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.ts';
import { localDay } from '../../src/core/local-day.ts';
import { createByteBudget } from '../../src/mcp/byte-budget.ts';
import { createByteLedgerStore } from '../../src/store/byte-ledger-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const cases = [
  { timeZone: 'Asia/Tokyo', beforeMidnight: '2026-03-10T14:59:59Z', midnight: '2026-03-10T15:00:00Z' },
  // 2026-03-08 is the US spring-forward day; the following midnight is at UTC-7.
  {
    timeZone: 'America/Los_Angeles',
    beforeMidnight: '2026-03-10T06:59:59Z',
    midnight: '2026-03-10T07:00:00Z',
  },
];

describe('daily budget reset', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await db?.drop();
  });

  for (const { timeZone, beforeMidnight, midnight } of cases) {
    it(`resets at local midnight in ${timeZone}`, async () => {
      const clock = createManualClock(new Date(beforeMidnight));
      const budget = createByteBudget({ ledger: createByteLedgerStore(db.prisma), clock });
      const scope = { workspaceId: `W-${timeZone}`, channelId: 'C1', timeZone, bytesPerDay: 1000n };

      const spent = await budget.reserve(scope, 900);
      if (!spent.ok) throw new Error('the first query fits');
      await spent.settle(900);
      const refused = await budget.reserve(scope, 200);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.resetsAt.toISOString()).toBe(new Date(midnight).toISOString());

      clock.set(new Date(new Date(midnight).getTime() - 1));
      expect((await budget.reserve(scope, 200)).ok).toBe(false);
      clock.set(new Date(midnight));
      expect((await budget.reserve(scope, 200)).ok).toBe(true);
    });
  }

  it('finds the next midnight across a daylight-saving change', () => {
    // Los Angeles, 2026-03-07 noon (UTC-8): the next midnight is 2026-03-08T08:00Z.
    expect(localDay(new Date('2026-03-07T20:00:00Z'), 'America/Los_Angeles')).toEqual({
      day: '2026-03-07',
      resetsAt: new Date('2026-03-08T08:00:00Z'),
    });
    // 2026-03-08 noon (UTC-7 after 2 am): the next midnight is 2026-03-09T07:00Z.
    expect(localDay(new Date('2026-03-08T19:00:00Z'), 'America/Los_Angeles')).toEqual({
      day: '2026-03-08',
      resetsAt: new Date('2026-03-09T07:00:00Z'),
    });
  });
});
