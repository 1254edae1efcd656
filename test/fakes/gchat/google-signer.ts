/**
 * Plays Google's side of Chat's bearer tokens: an RSA key that signs RS256 JWTs, and
 * the same key published in both of Google's formats (x509 certificate map and JWKS).
 */
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { selfSignedCertificate } from '../../support/x509.ts';

export interface GoogleSigner {
  kid: string;
  privateKey: KeyObject;
  /** `{ kid: PEM certificate }`, as served for service accounts and at oauth2/v1/certs. */
  x509Map(): Record<string, string>;
  /** `{ keys: [JWK] }`, as served at oauth2/v3/certs. */
  jwks(): { keys: Array<Record<string, unknown>> };
  /** A signed RS256 JWT; `header` overrides the header fields (e.g. a different alg). */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
}

export function createGoogleSigner(): GoogleSigner {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(20).toString('hex');
  const certificate = selfSignedCertificate(privateKey, 'chat.system.gserviceaccount.com');
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    kid,
    privateKey,
    x509Map: () => ({ [kid]: certificate }),
    jwks: () => ({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }),
    sign(claims, header = {}) {
      const signingInput = `${encode({ alg: 'RS256', kid, typ: 'JWT', ...header })}.${encode(claims)}`;
      const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
      return `${signingInput}.${signature}`;
    },
  };
}

/** Claims of a project-number token, as Chat sends them, valid for an hour from `now`. */
export function projectNumberClaims(projectNumber: string, now: Date): Record<string, unknown> {
  const iat = Math.floor(now.getTime() / 1000);
  return { iss: 'chat@system.gserviceaccount.com', aud: projectNumber, iat, exp: iat + 3600 };
}

/** Claims of an endpoint-URL OIDC ID token, as Chat sends them. */
export function endpointUrlClaims(url: string, now: Date): Record<string, unknown> {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: 'https://accounts.google.com',
    aud: url,
    azp: '113874823794813232534',
    sub: '113874823794813232534',
    email: 'chat@system.gserviceaccount.com',
    email_verified: true,
    iat,
    exp: iat + 3600,
  };
}
