/**
 * `/kotae limits bytes-per-day=<size> questions-per-hour=<n>`: parsed whole before anything
 * is saved, so one bad value leaves every limit as it was.
 */
import type { MessageKey } from '../../core/i18n/catalogue.ts';

export interface LimitChanges {
  /** null turns the budget off ("off"). */
  bytesPerDay?: bigint | null;
  questionsPerHour?: number;
}

export type LimitsParse =
  { ok: true; changes: LimitChanges } | { ok: false; problem: MessageKey; params: Record<string, string> };

const UNITS: Record<string, number> = { '': 0, b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/** "500GB", "1.5 TiB", "2048" (bytes). Binary units, as BigQuery bills. */
export function parseSize(text: string): bigint | 'negative' | null {
  const match = /^(-?)(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) return null;
  if (match[1] === '-') return 'negative';
  const power = UNITS[match[3]!.toLowerCase()] ?? 0;
  const [whole, fraction = ''] = match[2]!.split('.');
  const scale = 1024n ** BigInt(power);
  const denominator = 10n ** BigInt(fraction.length);
  return (BigInt(whole! + fraction) * scale) / denominator;
}

export function parseLimitsArgs(args: readonly string[], globalByteCap: bigint): LimitsParse {
  const changes: LimitChanges = {};
  for (const arg of args) {
    const [name, ...rest] = arg.split('=');
    const value = rest.join('=');
    if (name === 'bytes-per-day') {
      if (value.toLowerCase() === 'off') {
        changes.bytesPerDay = null;
        continue;
      }
      const size = parseSize(value);
      if (size === null) return { ok: false, problem: 'limits.notASize', params: { value } };
      if (size === 'negative') return { ok: false, problem: 'limits.negative', params: { value } };
      if (size > globalByteCap) {
        return { ok: false, problem: 'limits.overCap', params: { value, cap: `${globalByteCap} B` } };
      }
      changes.bytesPerDay = size;
    } else if (name === 'questions-per-hour') {
      if (/^-\d+$/.test(value.trim())) return { ok: false, problem: 'limits.negative', params: { value } };
      const count = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isSafeInteger(count) || count < 1) {
        return { ok: false, problem: 'limits.notACount', params: { value } };
      }
      changes.questionsPerHour = count;
    } else {
      return { ok: false, problem: 'limits.unknownKey', params: { value: name ?? arg } };
    }
  }
  return { ok: true, changes };
}
