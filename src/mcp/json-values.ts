/**
 * Warehouse values made safe for JSON, the same way for both backends:
 *  - integers and decimals become numbers only when a JS number holds them exactly,
 *    otherwise decimal strings (INT64 above 2^53, NUMERIC with 20 digits, BIGNUMERIC);
 *  - TIMESTAMP (an instant) is ISO 8601 in UTC with a Z, to the microsecond;
 *  - DATETIME (a wall-clock time, no zone) is ISO 8601 without a zone;
 *  - non-finite floats are the strings "NaN", "Infinity", "-Infinity".
 * A model or the sandbox can always tell an exact value from a rounded one.
 */

export function integerToJson(value: bigint | string): number | string {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(big)
    : big.toString();
}

/** Canonical decimal text: no "+", no leading zeros, no trailing fractional zeros, no "-0". */
function canonicalDecimal(text: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match) return text;
  const [, sign, whole = '', fraction = '', exponent] = match;
  if (exponent !== undefined) return text; // exponent forms only come from floats; leave them
  const integerPart = whole.replace(/^0+(?=\d)/, '') || '0';
  const fractionPart = fraction.replace(/0+$/, '');
  const body = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return sign === '-' && body !== '0' ? `-${body}` : body;
}

export function decimalToJson(text: string): number | string {
  const canonical = canonicalDecimal(text);
  const number = Number(canonical);
  return Number.isFinite(number) && String(number) === canonical ? number : canonical;
}

export function floatToJson(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

const MICROS_PER_SECOND = 1_000_000n;

/** ISO 8601 from microseconds since the epoch; `zone` adds the trailing Z. */
function microsToIso(micros: bigint, zone: boolean): string {
  let seconds = micros / MICROS_PER_SECOND;
  let fraction = micros % MICROS_PER_SECOND;
  if (fraction < 0n) {
    fraction += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const fractionText = fraction === 0n ? '' : `.${fraction.toString().padStart(6, '0')}`;
  return `${base}${fractionText}${zone ? 'Z' : ''}`;
}

export function microsToTimestamp(micros: bigint): string {
  return microsToIso(micros, true);
}

export function microsToDatetime(micros: bigint): string {
  return microsToIso(micros, false);
}

/** Serialised size of a value as it will be sent, for the result byte cap. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}
