/**
 * Signs and checks chart image URLs: `/charts/<id>.png?exp=<unix seconds>&sig=<base64url>`.
 *
 * A Google Chat app cannot upload files (media.upload needs user auth), so a card shows a
 * chart through an image widget whose URL Google's image proxy fetches. The URL must work
 * without a login, so it carries its own proof: sig = HMAC-SHA256(secret, "<id>.<exp>").
 * The id is a random UUID, and the signature stops anyone from reading other charts
 * by guessing ids or stretching the expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';

export interface ChartUrlSignerOptions {
  /** At least 32 bytes; from config, never logged. */
  secret: string | Uint8Array;
  clock: Clock;
  /** Public origin the bot is reachable at, e.g. "https://kotae.example.com". */
  publicBaseUrl: string;
  /** Path prefix the chart route is mounted at. */
  pathPrefix?: string;
}

export type ChartUrlCheck = 'ok' | 'expired' | 'invalid';

export interface ChartUrlSigner {
  /** The absolute, signed URL for an image id that stops working at `expiresAt`. */
  url(id: string, expiresAt: Date): string;
  /** Checks the `exp` and `sig` query values of a request for `id`. */
  check(id: string, exp: string | null, sig: string | null): ChartUrlCheck;
}

const MIN_SECRET_BYTES = 32;

export function createChartUrlSigner(options: ChartUrlSignerOptions): ChartUrlSigner {
  const secret = typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
  if (secret.byteLength < MIN_SECRET_BYTES) {
    throw new Error(`The chart URL secret must be at least ${MIN_SECRET_BYTES} bytes.`);
  }
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  const prefix = (options.pathPrefix ?? '/charts').replace(/\/+$/, '');

  const signature = (id: string, exp: number): Buffer =>
    createHmac('sha256', secret).update(`${id}.${exp}`).digest();

  return {
    url(id, expiresAt) {
      const exp = Math.floor(expiresAt.getTime() / 1000);
      const sig = signature(id, exp).toString('base64url');
      return `${base}${prefix}/${encodeURIComponent(id)}.png?exp=${exp}&sig=${sig}`;
    },
    check(id, exp, sig) {
      if (exp === null || sig === null || !/^\d{1,12}$/.test(exp)) return 'invalid';
      const given = Buffer.from(sig, 'base64url');
      const expected = signature(id, Number(exp));
      // Compare in constant time, and only buffers of equal length (timingSafeEqual throws otherwise).
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return Number(exp) * 1000 <= options.clock.now().getTime() ? 'expired' : 'ok';
    },
  };
}
