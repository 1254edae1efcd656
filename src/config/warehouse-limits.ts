/**
 * The warehouse limits, parsed here once for every entry point: `kotae bot`/`dev` read them
 * from the environment (env-schema.ts), `kotae mcp` from its flags, then the same variables.
 * One set of defaults and bounds; each problem is one line, e.g.
 *   must be a size like 10GB or a number of bytes (got "lots").
 */
import { z } from 'zod';

export interface WarehouseLimits {
  /** Byte cap per query. */
  maxBytesBilled: number;
  /** Rows returned per query. */
  maxResultRows: number;
  /** Size of the rows returned per query. */
  maxResultBytes: number;
  /** Query time limit. */
  queryTimeoutMs: number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** "10GB", "512 MB", "1.5TB" or a plain number of bytes; binary units, as BigQuery bills. */
export const size = (min = 1) =>
  z.string().transform((text, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B)?\s*$/i.exec(text);
    const bytes = match ? Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'B').toUpperCase()]!) : NaN;
    if (!Number.isSafeInteger(bytes) || bytes < min) {
      ctx.addIssue({
        code: 'custom',
        message:
          min > 1
            ? `must be a size of at least ${min} bytes, like 10GB (got "${text}")`
            : `must be a size like 10GB or a number of bytes (got "${text}")`,
      });
      return z.NEVER;
    }
    return bytes;
  });

/** A whole number within bounds, as text (a flag or a variable). */
export const count = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.string().transform((text, ctx) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number of at least ${min} (got "${text}")` });
      return z.NEVER;
    }
    if (value > max) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${max} (got "${text}")` });
      return z.NEVER;
    }
    return value;
  });

/** Each limit: its variable, its `kotae mcp` flag, its default and its rule. */
export const WAREHOUSE_LIMITS = {
  maxBytesBilled: { variable: 'MAX_BYTES_BILLED', flag: 'max-bytes', fallback: '10GB', schema: size() },
  maxResultRows: {
    variable: 'MAX_RESULT_ROWS',
    flag: 'max-rows',
    fallback: '1000',
    schema: count(1, 100_000),
  },
  maxResultBytes: {
    variable: 'MAX_RESULT_BYTES',
    flag: 'max-result-bytes',
    fallback: '2MB',
    schema: size(1_024),
  },
  queryTimeoutMs: { variable: 'QUERY_TIMEOUT_MS', flag: 'timeout', fallback: '60000', schema: count(1_000) },
} as const;

export type WarehouseLimitName = keyof typeof WAREHOUSE_LIMITS;

/** The environment variable's schema: blank or absent means the default. */
export function limitVariable(name: WarehouseLimitName) {
  const limit = WAREHOUSE_LIMITS[name];
  return z.preprocess(
    (value) => (value === undefined || value === '' ? limit.fallback : String(value)),
    limit.schema as z.ZodType<number, string>,
  );
}

/**
 * The limits from text values (flags over variables, say); an absent value takes the
 * default. Throws nothing: a problem comes back naming the limit.
 */
export function parseWarehouseLimits(
  values: Partial<Record<WarehouseLimitName, string>>,
): { ok: true; limits: WarehouseLimits } | { ok: false; name: WarehouseLimitName; message: string } {
  const limits: Partial<WarehouseLimits> = {};
  for (const name of Object.keys(WAREHOUSE_LIMITS) as WarehouseLimitName[]) {
    const parsed = (WAREHOUSE_LIMITS[name].schema as z.ZodType<number, string>).safeParse(
      values[name] ?? WAREHOUSE_LIMITS[name].fallback,
    );
    if (!parsed.success) return { ok: false, name, message: parsed.error.issues[0]!.message };
    limits[name] = parsed.data;
  }
  return { ok: true, limits: limits as WarehouseLimits };
}
