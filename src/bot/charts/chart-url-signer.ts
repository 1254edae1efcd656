/**
 * Signed, expiring chart URLs: `/charts/<id>.png?exp=<unix s>&sig=<HMAC>`. Google Chat's
 * image widget (and the console) fetch charts by URL, with no credentials of ours, so
 * the URL itself is the capability: HMAC-SHA256 over id and expiry, compared in constant
 * time, refused once expired. Ids are random UUIDs and nothing lists them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { KotaeError } from '../../core/errors.ts';

export interface ChartUrlSigner {
  /** The absolute URL under PUBLIC_BASE_URL, for platforms that fetch from outside (Google Chat). */
  sign(imageId: string, expiresAt: Date): string;
  /**
   * The same signed URL as a path, for pages this server itself serves (the console): the
   * browser resolves it against whatever origin it used, so a chart loads whatever host or
   * port the page was reached by (PORT=0, a forwarded port, 127.0.0.1 vs localhost).
   */
  signPath(imageId: string, expiresAt: Date): string;
  /** The image id when the signature is valid and unexpired, else null. */
  verify(imageId: string, exp: string | null, sig: string | null, now: Date): boolean;
}

export function createChartUrlSigner(options: { secret: string; publicBaseUrl: string }): ChartUrlSigner {
  if (options.secret.length < 16)
    throw new KotaeError('config_invalid', 'CHART_URL_SECRET must be at least 16 characters');
  const mac = (imageId: string, exp: number) =>
    createHmac('sha256', options.secret).update(`${imageId}.${exp}`).digest('base64url');
  const signPath = (imageId: string, expiresAt: Date): string => {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return `/charts/${encodeURIComponent(imageId)}.png?exp=${exp}&sig=${mac(imageId, exp)}`;
  };
  return {
    sign: (imageId, expiresAt) => `${options.publicBaseUrl}${signPath(imageId, expiresAt)}`,
    signPath,
    verify(imageId, exp, sig, now) {
      if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
      const expires = Number(exp);
      if (expires * 1000 <= now.getTime()) return false;
      const expected = Buffer.from(mac(imageId, expires));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
