/**
 * One check for every token Google signs for us: Pub/Sub push (OIDC), Cloud Scheduler's
 * OIDC (the digest tick) and IAP's `x-goog-iap-jwt-assertion`. The signature, issuer,
 * audience and times are google-auth-library's `verifySignedJwtWithCertsAsync`; we add the
 * caller's identity (`email` equal to the configured service account, `email_verified`).
 * Fails closed: a missing token, unreachable keys or any doubt is a refusal with a reason
 * (never the token itself, which must not reach a log).
 */
import { OAuth2Client } from 'google-auth-library';
import { systemClock, type Clock } from '../core/clock.ts';
import { KotaeError } from '../core/errors.ts';

/** Google's OIDC keys (PEM by key id), as used for push and Scheduler ID tokens. */
export const GOOGLE_OIDC_CERTS_URL = 'https://www.googleapis.com/oauth2/v1/certs';
export const GOOGLE_OIDC_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];
/** IAP signs with ES256 keys published here; its issuer is fixed. */
export const IAP_CERTS_URL = 'https://www.gstatic.com/iap/verify/public_key';
export const IAP_ISSUERS = ['https://cloud.google.com/iap'];

export type IdTokenFailure = 'missing' | 'invalid' | 'email' | 'keys_unavailable';

export type IdTokenVerdict =
  | { ok: true; email: string | undefined; subject: string | undefined }
  | { ok: false; reason: IdTokenFailure };

export interface GoogleIdTokenVerifier {
  /** `token` is the bare JWT (see `bearerToken` for an Authorization header). */
  verify(token: string | undefined): Promise<IdTokenVerdict>;
}

export interface GoogleIdTokenVerifierOptions {
  /** The `aud` the token must carry: the push endpoint URL, the tick URL, or IAP's `/projects/…` audience. */
  audience: string;
  /** When set, `email` must equal it and `email_verified` must be true (push and Scheduler service accounts). */
  expectedEmail?: string;
  /** Where the keys come from (tests serve their own); defaults to Google's OIDC certs. */
  certsUrl?: string;
  /** Accepted issuers; defaults to Google's OIDC issuers. Use `IAP_ISSUERS` with `IAP_CERTS_URL`. */
  issuers?: string[];
  /** Paces forced key refreshes (token times are checked by the library against the system clock). */
  clock?: Clock;
}

export function createGoogleIdTokenVerifier(options: GoogleIdTokenVerifierOptions): GoogleIdTokenVerifier {
  if (!options.audience.trim())
    throw new KotaeError('config_invalid', 'A Google ID token verifier needs an audience.');
  const certsUrl = options.certsUrl ?? GOOGLE_OIDC_CERTS_URL;
  const issuers = options.issuers ?? GOOGLE_OIDC_ISSUERS;
  // The library caches the keys for the response's max-age; PEM is what Node reads.
  const client = new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: certsUrl } });
  const clock = options.clock ?? systemClock;
  let forcedAt = Number.NEGATIVE_INFINITY;

  async function keys(force: boolean) {
    if (force) {
      // Google rotates keys: an unknown key id means our copy is old. At most once a minute,
      // so forged key ids cannot make us hammer Google.
      const now = clock.now().getTime();
      if (now - forcedAt < 60_000) return undefined;
      forcedAt = now;
      Object.assign(client, { certificateExpiry: null });
    }
    return (await client.getFederatedSignonCertsAsync()).certs;
  }

  async function check(token: string, certs: Record<string, string>) {
    const ticket = await client.verifySignedJwtWithCertsAsync(token, certs, options.audience, issuers);
    return ticket.getPayload();
  }

  return {
    async verify(token) {
      if (!token) return { ok: false, reason: 'missing' };
      let certs: Record<string, string>;
      try {
        certs = (await keys(false)) as Record<string, string>;
      } catch {
        return { ok: false, reason: 'keys_unavailable' };
      }
      let payload: Awaited<ReturnType<typeof check>>;
      try {
        payload = await check(token, certs);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('No pem found')) {
          return { ok: false, reason: 'invalid' };
        }
        try {
          const fresh = (await keys(true)) as Record<string, string> | undefined;
          if (!fresh) return { ok: false, reason: 'invalid' };
          payload = await check(token, fresh);
        } catch {
          return { ok: false, reason: 'invalid' };
        }
      }
      if (!payload) return { ok: false, reason: 'invalid' };
      if (options.expectedEmail !== undefined) {
        if (payload.email !== options.expectedEmail || payload.email_verified !== true) {
          return { ok: false, reason: 'email' };
        }
      }
      return { ok: true, email: payload.email, subject: payload.sub };
    },
  };
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}
