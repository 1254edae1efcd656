/**
 * Budgets, usage and retention settings: the global cap an admin's bytes-per-day may not
 * pass, the prices `usage` estimates cost with, and how long question history is kept.
 */

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export interface UsageConfig {
  /** No channel or workspace budget may be set above this. */
  maxBytesPerDay: bigint;
  /** On-demand BigQuery price; the list price is $6.25 per TiB. */
  usdPerTiB: number;
  /** Keyed by model name ("gpt-4.1-mini") or "provider/model". */
  modelPrices: Record<string, ModelPrice>;
  retentionDays: number;
}

/** List prices (USD per million tokens) for the default models; KOTAE_MODEL_PRICES adds or overrides. */
export const DEFAULT_MODEL_PRICES: Record<string, ModelPrice> = {
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
};

/** "gpt-4.1-mini=0.4/1.6,gemini-2.5-flash=0.3/2.5" → a price table over the defaults. */
export function parseModelPrices(
  text: string | undefined,
  fail: (message: string) => Error,
): Record<string, ModelPrice> {
  const prices = { ...DEFAULT_MODEL_PRICES };
  for (const item of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([^=]+)=(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(item);
    if (!match) {
      throw fail(
        `KOTAE_MODEL_PRICES must look like "model=input/output,…" in USD per million tokens (got ${JSON.stringify(item)})`,
      );
    }
    prices[match[1]!.trim()] = { input: Number(match[2]), output: Number(match[3]) };
  }
  return prices;
}
