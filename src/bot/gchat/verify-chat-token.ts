/**
 * Verifies the bearer token Google Chat puts in the Authorization header of every event
 * it posts to an HTTP endpoint. Pure: the keys and the time are arguments.
 *
 * Which token arrives depends on the app's "Authentication audience" setting:
 * - Project number: a JWT self-signed by chat@system.gserviceaccount.com (iss = that
 *   address, aud = the Cloud project number), RS256, keys from
 *   https://www.googleapis.com/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com
 * - HTTP endpoint URL: a Google OIDC ID token (iss = accounts.google.com or
 *   https://accounts.google.com, aud = the endpoint URL, email =
 *   chat@system.gserviceaccount.com with email_verified), keys from Google's OAuth certs.
 *
 * Anything else is refused: other algorithms (including "none"), unknown key ids, bad
 * signatures, wrong issuer or audience, expired or not-yet-valid tokens.
 */
import { verify as verifySignature, type KeyObject } from 'node:crypto';

export const CHAT_SERVICE_ACCOUNT = 'chat@system.gserviceaccount.com';
export const GOOGLE_ID_TOKEN_ISSUERS: readonly string[] = [
  'accounts.google.com',
  'https://accounts.google.com',
];

export type ChatAudience =
  { mode: 'project-number'; projectNumber: string } | { mode: 'endpoint-url'; url: string };

export type PublicKeys = ReadonlyMap<string, KeyObject>;

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

export interface VerifyChatTokenOptions {
  audience: ChatAudience;
  keys: PublicKeys;
  now: Date;
  /** Tolerated clock difference with Google, as google-auth-library allows. */
  clockSkewSeconds?: number;
}

/** Google-issued tokens live one hour; refuse anything claiming more than a day. */
const MAX_LIFETIME_SECONDS = 86_400;

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

export function verifyChatToken(token: string | null, options: VerifyChatTokenOptions): TokenVerdict {
  if (!token) return fail('missing');
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return fail('malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) return fail('malformed');
  if (header['alg'] !== 'RS256') return fail('algorithm');
  if (signaturePart.length === 0) return fail('signature');

  const kid = header['kid'];
  const key = typeof kid === 'string' ? options.keys.get(kid) : undefined;
  if (!key) return fail('unknown_key');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  const valid = verifySignature('RSA-SHA256', signed, key, Buffer.from(signaturePart, 'base64url'));
  if (!valid) return fail('signature');

  const claims = readClaims(payload);
  if (!claims) return fail('malformed');

  const audience = options.audience;
  if (audience.mode === 'project-number') {
    if (claims.iss !== CHAT_SERVICE_ACCOUNT) return fail('issuer');
    if (claims.aud !== audience.projectNumber) return fail('audience');
  } else {
    if (!GOOGLE_ID_TOKEN_ISSUERS.includes(claims.iss)) return fail('issuer');
    if (claims.aud !== audience.url) return fail('audience');
    if (claims.email !== CHAT_SERVICE_ACCOUNT || payload['email_verified'] !== true) return fail('email');
  }

  const now = Math.floor(options.now.getTime() / 1000);
  const skew = options.clockSkewSeconds ?? 300;
  if (claims.exp - claims.iat > MAX_LIFETIME_SECONDS) return fail('lifetime');
  if (now > claims.exp + skew) return fail('expired');
  if (now < claims.iat - skew) return fail('not_yet_valid');
  const nbf = payload['nbf'];
  if (typeof nbf === 'number' && now < nbf - skew) return fail('not_yet_valid');
  return { ok: true, claims };
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
