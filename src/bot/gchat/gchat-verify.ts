/**
 * Verifies the bearer token Google Chat puts in the Authorization header of every event
 * it posts to an HTTP endpoint. The signature, issuer, audience and times are
 * google-auth-library's `verifySignedJwtWithCertsAsync` (times against the system clock,
 * with its 300 s skew); around it we only name the failure and add what the library
 * leaves out: RS256 only (it ignores `alg`), the Chat service account's `email` with
 * `email_verified` for ID tokens, and `nbf`.
 *
 * Which token arrives depends on the app's "Authentication audience" setting:
 * - Project number: a JWT self-signed by chat@system.gserviceaccount.com (iss = that
 *   address, aud = the Cloud project number), RS256, keys from
 *   https://www.googleapis.com/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com
 * - HTTP endpoint URL: a Google OIDC ID token (iss = accounts.google.com or
 *   https://accounts.google.com, aud = the endpoint URL, email =
 *   chat@system.gserviceaccount.com with email_verified), keys from Google's OAuth certs.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import type { ChatAudience } from '../../config/gchat-settings.ts';
import { KotaeError } from '../../core/errors.ts';

export const CHAT_SERVICE_ACCOUNT = 'chat@system.gserviceaccount.com';
export const GOOGLE_ID_TOKEN_ISSUERS: readonly string[] = [
  'accounts.google.com',
  'https://accounts.google.com',
];

/** Declared with the Chat settings (src/config/gchat-settings.ts), which parse it. */
export type { ChatAudience };

/** Google's keys as PEM by key id (the x509 map Google serves; JWKS is converted). */
export type PemCertificates = Readonly<Record<string, string>>;

export interface ChatTokenClaims {
  iss: string;
  aud: string;
  exp: number;
  iat: number;
  email?: string;
  sub?: string;
}

export type TokenFailure =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'unknown_key'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'email'
  | 'expired'
  | 'not_yet_valid'
  | 'lifetime';

export type TokenVerdict = { ok: true; claims: ChatTokenClaims } | { ok: false; reason: TokenFailure };

/** Google-issued tokens live one hour; refuse anything claiming more than a day. */
const MAX_LIFETIME_SECONDS = 86_400;
const SKEW_SECONDS = 300;

/** The library's own errors, by their message, named as our refusals. */
const LIBRARY_FAILURES: Array<[RegExp, TokenFailure]> = [
  [/^No pem found/, 'unknown_key'],
  [/^Invalid token signature/, 'signature'],
  [/^Invalid issuer/, 'issuer'],
  [/^Wrong recipient/, 'audience'],
  [/^Token used too late/, 'expired'],
  [/^Token used too early/, 'not_yet_valid'],
  [/^Expiration time too far in future/, 'lifetime'],
];

const client = new OAuth2Client();

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

export async function verifyChatToken(
  token: string | null,
  options: { audience: ChatAudience; certs: PemCertificates },
): Promise<TokenVerdict> {
  if (!token) return fail('missing');
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return fail('malformed');
  const header = decodeJson(parts[0]!);
  if (!header || !decodeJson(parts[1]!)) return fail('malformed');
  if (header['alg'] !== 'RS256') return fail('algorithm');

  const { audience } = options;
  let payload: Record<string, unknown>;
  try {
    const ticket = await client.verifySignedJwtWithCertsAsync(
      token,
      options.certs,
      audience.mode === 'project-number' ? audience.projectNumber : audience.url,
      audience.mode === 'project-number' ? [CHAT_SERVICE_ACCOUNT] : [...GOOGLE_ID_TOKEN_ISSUERS],
      MAX_LIFETIME_SECONDS,
    );
    payload = (ticket.getPayload() ?? {}) as unknown as Record<string, unknown>;
  } catch (error) {
    // The message may quote the token: only its first words are read, nothing is kept.
    const message = error instanceof Error ? error.message : '';
    return fail(LIBRARY_FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? 'malformed');
  }

  const claims = readClaims(payload);
  if (!claims) return fail('malformed');
  if (audience.mode === 'endpoint-url') {
    if (claims.email !== CHAT_SERVICE_ACCOUNT || payload['email_verified'] !== true) return fail('email');
  }
  const nbf = payload['nbf'];
  if (typeof nbf === 'number' && Date.now() / 1000 < nbf - SKEW_SECONDS) return fail('not_yet_valid');
  return { ok: true, claims };
}

/** Keys as served: an x509 map stays as it is; a JWKS (`{ keys: [...] }`) becomes PEM by kid. */
export function toPemCertificates(body: unknown): PemCertificates {
  if (typeof body !== 'object' || body === null)
    throw new KotaeError('chat_certs_invalid', 'certificate response is not an object');
  const jwks = (body as { keys?: unknown }).keys;
  if (!Array.isArray(jwks)) return body as PemCertificates;
  const certs: Record<string, string> = {};
  for (const jwk of jwks) {
    const { kid, kty } = (jwk ?? {}) as { kid?: unknown; kty?: unknown };
    if (typeof kid !== 'string' || kty !== 'RSA') continue;
    certs[kid] = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
  }
  return certs;
}

function fail(reason: TokenFailure): TokenVerdict {
  return { ok: false, reason };
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function readClaims(payload: Record<string, unknown>): ChatTokenClaims | null {
  const { iss, aud, exp, iat, email, sub } = payload;
  if (typeof iss !== 'string' || typeof aud !== 'string') return null;
  if (typeof exp !== 'number' || typeof iat !== 'number') return null;
  return {
    iss,
    aud,
    exp,
    iat,
    ...(typeof email === 'string' ? { email } : {}),
    ...(typeof sub === 'string' ? { sub } : {}),
  };
}
