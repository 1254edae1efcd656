/**
 * The daily byte budget of a channel, on the guard path: a query's dry-run estimate is
 * reserved before it runs, settled with the bytes billed after, released if it fails.
 * The day is the workspace's local day, so the budget resets at local midnight.
 * Works for any task kind (a question, or a digest run without an LLM).
 */
import type { Clock } from '../core/clock.ts';
import { formatBytes, formatDateTime } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';
import { localDay } from '../core/local-day.ts';
import type { Locale } from '../core/locale.ts';
import type { ByteLedger, LedgerKey } from '../core/ports/byte-ledger.ts';

export interface BudgetScope {
  workspaceId: string;
  channelId: string;
  timeZone: string;
  /** Bytes per local day; null means the channel has no budget. */
  bytesPerDay: bigint | null;
}

export interface BudgetReservation {
  ok: true;
  key: LedgerKey;
  estimate: bigint;
  settle(billedBytes: number | bigint): Promise<void>;
  release(): Promise<void>;
}

export interface BudgetRefusal {
  ok: false;
  key: LedgerKey;
  estimate: bigint;
  usedBytes: bigint;
  reservedBytes: bigint;
  limit: bigint;
  resetsAt: Date;
  timeZone: string;
}

export interface ByteBudget {
  reserve(scope: BudgetScope, estimateBytes: number | bigint): Promise<BudgetReservation | BudgetRefusal>;
}

export function createByteBudget(deps: { ledger: ByteLedger; clock: Clock }): ByteBudget {
  const { ledger, clock } = deps;
  return {
    async reserve(scope, estimateBytes) {
      const { day, resetsAt } = localDay(clock.now(), scope.timeZone);
      const key: LedgerKey = { workspaceId: scope.workspaceId, channelId: scope.channelId, day };
      const estimate = BigInt(Math.max(0, Math.ceil(Number(estimateBytes))));
      const unbounded = scope.bytesPerDay === null;
      // Without a budget the ledger still counts, so usage and limits can show today's bytes.
      const limit = scope.bytesPerDay ?? BigInt(Number.MAX_SAFE_INTEGER);
      const outcome = await ledger.reserve(key, estimate, limit);
      if (!outcome.ok && !unbounded) {
        return {
          ok: false,
          key,
          estimate,
          usedBytes: outcome.totals.usedBytes,
          reservedBytes: outcome.totals.reservedBytes,
          limit,
          resetsAt,
          timeZone: scope.timeZone,
        };
      }
      let open = outcome.ok;
      return {
        ok: true,
        key,
        estimate,
        async settle(billed) {
          if (!open) return;
          open = false;
          await ledger.settle(key, estimate, BigInt(Math.max(0, Math.ceil(Number(billed)))));
        },
        async release() {
          if (!open) return;
          open = false;
          await ledger.release(key, estimate);
        },
      };
    },
  };
}

/** The notice a person reads when their channel's budget refuses a query. */
export function budgetRefusalNotice(
  refusal: BudgetRefusal,
  locale: Locale,
  admins: readonly string[],
): string {
  const size = (value: bigint): string => formatBytes(Number(value), locale);
  return t(locale, 'budget.exceeded', {
    used: size(refusal.usedBytes + refusal.reservedBytes),
    limit: size(refusal.limit),
    estimate: size(refusal.estimate),
    resetsAt: formatDateTime(refusal.resetsAt, locale, refusal.timeZone),
    timeZone: refusal.timeZone,
    admins: admins.length > 0 ? admins.join(', ') : t(locale, 'budget.noAdmins'),
  });
}
