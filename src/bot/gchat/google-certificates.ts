/**
 * Google's public signing keys, fetched from a URL and cached as long as the response's
 * `Cache-Control: max-age` allows (Google sends a few hours and rotates keys daily).
 *
 * Two formats exist and both are accepted:
 * - `{ "<kid>": "-----BEGIN CERTIFICATE-----…" }` — the x509 map served for service
 *   accounts (chat@system.gserviceaccount.com) and at oauth2/v1/certs;
 * - `{ "keys": [{ "kid", "kty": "RSA", "n", "e", … }] }` — JWKS, at oauth2/v3/certs.
 *
 * A token signed with a key we have not seen makes the caller ask for a refresh; refreshes
 * are rate limited so garbage tokens cannot turn us into a load generator against Google.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { PublicKeys } from './verify-chat-token.ts';

export const CHAT_CERTS_URL =
  'https://www.googleapis.com/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com';
export const GOOGLE_OAUTH_CERTS_URL = 'https://www.googleapis.com/oauth2/v1/certs';

export interface GoogleCertificates {
  /** The cached keys, fetched first when there are none or they went stale. */
  keys(): Promise<PublicKeys>;
  /** Fetches again unless a fetch happened within the minimum interval. */
  refresh(): Promise<PublicKeys>;
}

export interface GoogleCertificatesOptions {
  url: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** Used when the response has no max-age. */
  defaultMaxAgeSeconds?: number;
  /** Unknown-key refreshes happen at most this often. */
  minRefreshIntervalMs?: number;
}

export function createGoogleCertificates(options: GoogleCertificatesOptions): GoogleCertificates {
  const fetchFn = options.fetch ?? fetch;
  const minInterval = options.minRefreshIntervalMs ?? 60_000;
  let cached: { keys: PublicKeys; expiresAt: number } | null = null;
  let lastFetchAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<PublicKeys> | null = null;

  const load = (): Promise<PublicKeys> => {
    // One fetch at a time: a burst of events waits on the same request.
    inFlight ??= (async () => {
      try {
        lastFetchAt = options.clock.now().getTime();
        const response = await fetchFn(options.url, { headers: { accept: 'application/json' } });
        if (!response.ok) throw new Error(`certificate fetch failed: HTTP ${response.status}`);
        const keys = parseKeys(await response.json());
        const maxAge =
          maxAgeSeconds(response.headers.get('cache-control')) ?? options.defaultMaxAgeSeconds ?? 3600;
        cached = { keys, expiresAt: options.clock.now().getTime() + maxAge * 1000 };
        return keys;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };

  return {
    async keys() {
      if (cached && cached.expiresAt > options.clock.now().getTime()) return cached.keys;
      try {
        return await load();
      } catch (error) {
        // Keys Google published recently stay valid for a while; better stale than down.
        if (cached) return cached.keys;
        throw error;
      }
    },
    async refresh() {
      if (options.clock.now().getTime() - lastFetchAt < minInterval && cached) return cached.keys;
      return await load();
    },
  };
}

export function parseKeys(body: unknown): PublicKeys {
  const keys = new Map<string, KeyObject>();
  if (typeof body !== 'object' || body === null) throw new Error('certificate response is not an object');
  const jwks = (body as { keys?: unknown }).keys;
  if (Array.isArray(jwks)) {
    for (const jwk of jwks) {
      if (typeof jwk !== 'object' || jwk === null) continue;
      const { kid, kty } = jwk as { kid?: unknown; kty?: unknown };
      if (typeof kid !== 'string' || kty !== 'RSA') continue;
      keys.set(kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
    }
  } else {
    for (const [kid, pem] of Object.entries(body)) {
      if (typeof pem !== 'string' || !pem.includes('-----BEGIN')) continue;
      keys.set(kid, createPublicKey(pem));
    }
  }
  if (keys.size === 0) throw new Error('certificate response holds no usable keys');
  return keys;
}

export function maxAgeSeconds(cacheControl: string | null): number | null {
  const match = /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(cacheControl ?? '');
  return match ? Number(match[1]) : null;
}
