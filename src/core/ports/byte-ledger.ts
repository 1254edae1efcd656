/**
 * The daily byte ledger of a channel. A query's dry-run estimate is reserved before it runs
 * and settled with the bytes billed after; the store makes the reservation atomic, so
 * queries racing in one channel never together pass the limit.
 */
export interface LedgerKey {
  workspaceId: string;
  channelId: string;
  /** The workspace's local day, YYYY-MM-DD. */
  day: string;
}

export interface LedgerTotals {
  usedBytes: bigint;
  reservedBytes: bigint;
}

export type ReserveOutcome = { ok: true; totals: LedgerTotals } | { ok: false; totals: LedgerTotals };

export interface ByteLedger {
  /** Reserve `estimate` bytes if used + reserved + estimate stays within `limit`. */
  reserve(key: LedgerKey, estimate: bigint, limit: bigint): Promise<ReserveOutcome>;
  /** Turn a reservation into billed bytes (billed may be below or above the estimate). */
  settle(key: LedgerKey, reserved: bigint, billed: bigint): Promise<void>;
  /** Drop a reservation whose query failed. */
  release(key: LedgerKey, reserved: bigint): Promise<void>;
  totals(key: LedgerKey): Promise<LedgerTotals>;
}
