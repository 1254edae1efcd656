/**
 * The byte ledger on PostgreSQL/PGlite. A reservation is one INSERT … ON CONFLICT DO UPDATE
 * whose update only applies WHERE used + reserved + estimate <= limit: PostgreSQL locks the
 * row and re-checks the condition on its latest version, so concurrent reservations queue
 * on the row and none can pass the limit.
 */
import type { ByteLedger, LedgerKey, LedgerTotals } from '../core/ports/byte-ledger.ts';
import type { Database } from './prisma-client.ts';

interface TotalsRow {
  usedBytes: bigint | number | string;
  reservedBytes: bigint | number | string;
}

const toTotals = (row: TotalsRow | undefined): LedgerTotals => ({
  usedBytes: BigInt(row?.usedBytes ?? 0),
  reservedBytes: BigInt(row?.reservedBytes ?? 0),
});

export function createByteLedgerStore(db: Database): ByteLedger {
  const totals = async ({ workspaceId, channelId, day }: LedgerKey): Promise<LedgerTotals> => {
    const rows = await db.$queryRaw<TotalsRow[]>`
      SELECT "usedBytes", "reservedBytes" FROM "ByteLedger"
       WHERE "workspaceId" = ${workspaceId} AND "channelId" = ${channelId} AND day = ${day}`;
    return toTotals(rows[0]);
  };

  return {
    totals,

    async reserve(key, estimate, limit) {
      if (estimate < 0n) throw new RangeError('a byte estimate cannot be negative');
      if (estimate > limit) return { ok: false, totals: await totals(key) };
      const { workspaceId, channelId, day } = key;
      const rows = await db.$queryRaw<TotalsRow[]>`
        INSERT INTO "ByteLedger" ("workspaceId", "channelId", day, "usedBytes", "reservedBytes", "updatedAt")
        VALUES (${workspaceId}, ${channelId}, ${day}, 0, ${estimate}, now())
        ON CONFLICT ("workspaceId", "channelId", day) DO UPDATE
           SET "reservedBytes" = "ByteLedger"."reservedBytes" + EXCLUDED."reservedBytes", "updatedAt" = now()
         WHERE "ByteLedger"."usedBytes" + "ByteLedger"."reservedBytes" + EXCLUDED."reservedBytes" <= ${limit}
        RETURNING "usedBytes", "reservedBytes"`;
      if (rows.length === 1) return { ok: true, totals: toTotals(rows[0]) };
      return { ok: false, totals: await totals(key) };
    },

    async settle({ workspaceId, channelId, day }, reserved, billed) {
      await db.$executeRaw`
        UPDATE "ByteLedger"
           SET "reservedBytes" = GREATEST("reservedBytes" - ${reserved}, 0),
               "usedBytes" = "usedBytes" + ${billed}, "updatedAt" = now()
         WHERE "workspaceId" = ${workspaceId} AND "channelId" = ${channelId} AND day = ${day}`;
    },

    async release({ workspaceId, channelId, day }, reserved) {
      await db.$executeRaw`
        UPDATE "ByteLedger"
           SET "reservedBytes" = GREATEST("reservedBytes" - ${reserved}, 0), "updatedAt" = now()
         WHERE "workspaceId" = ${workspaceId} AND "channelId" = ${channelId} AND day = ${day}`;
    },
  };
}
