/**
 * Budget, usage and retention settings from the environment. If this breaks, retention
 * could delete history on the wrong schedule, or usage could price with the wrong table.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('usage and retention configuration', () => {
  it('defaults to 400 days of history, the on-demand list price and the default model prices', () => {
    const { usage } = loadConfig({});
    expect(usage.retentionDays).toBe(400);
    expect(usage.usdPerTiB).toBe(6.25);
    expect(usage.maxBytesPerDay).toBe(100n * 1024n ** 4n);
    expect(usage.modelPrices['gpt-4.1-mini']).toEqual({ input: 0.4, output: 1.6 });
  });

  it('reads KOTAE_RETENTION_DAYS, BIGQUERY_USD_PER_TIB, KOTAE_MAX_BYTES_PER_DAY and KOTAE_MODEL_PRICES', () => {
    const { usage } = loadConfig({
      KOTAE_RETENTION_DAYS: '30',
      BIGQUERY_USD_PER_TIB: '5',
      KOTAE_MAX_BYTES_PER_DAY: String(1024 ** 4),
      KOTAE_MODEL_PRICES: 'my-model=1/2, gpt-4.1-mini=0.5/2',
    });
    expect(usage.retentionDays).toBe(30);
    expect(usage.usdPerTiB).toBe(5);
    expect(usage.maxBytesPerDay).toBe(1024n ** 4n);
    expect(usage.modelPrices['my-model']).toEqual({ input: 1, output: 2 });
    expect(usage.modelPrices['gpt-4.1-mini']).toEqual({ input: 0.5, output: 2 });
  });

  it.each([
    [{ KOTAE_RETENTION_DAYS: '0' }, /^KOTAE_RETENTION_DAYS must be at least 1/],
    [{ KOTAE_RETENTION_DAYS: 'forever' }, /^KOTAE_RETENTION_DAYS must be a whole number/],
    [{ BIGQUERY_USD_PER_TIB: '-1' }, /^BIGQUERY_USD_PER_TIB must be at least 0/],
    [{ KOTAE_MODEL_PRICES: 'gpt=cheap' }, /^KOTAE_MODEL_PRICES must look like "model=input\/output,…"/],
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
