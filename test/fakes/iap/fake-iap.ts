/**
 * Plays Identity-Aware Proxy: an ES256 (P-256) key that signs `x-goog-iap-jwt-assertion`
 * tokens, and a local key endpoint serving `{ kid: PEM public key }` like
 * https://www.gstatic.com/iap/verify/public_key.
 */
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface IapSigner {
  kid: string;
  publicPem: string;
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
}

export function createIapSigner(): IapSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomBytes(6).toString('hex');
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    kid,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(claims, header = {}) {
      const input = `${encode({ alg: 'ES256', kid, typ: 'JWT', ...header })}.${encode(claims)}`;
      const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      return `${input}.${signature.toString('base64url')}`;
    },
  };
}

/** IAP's claims for `email` on `audience`, valid for ten minutes from now. */
export function iapClaims(audience: string, email: string, overrides: Record<string, unknown> = {}) {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: 'https://cloud.google.com/iap',
    aud: audience,
    sub: `accounts.google.com:${randomBytes(6).toString('hex')}`,
    email,
    hd: email.split('@')[1],
    iat,
    exp: iat + 600,
    ...overrides,
  };
}

export interface FakeIapKeys {
  url: string;
  close(): Promise<void>;
}

export async function startFakeIapKeys(...signers: IapSigner[]): Promise<FakeIapKeys> {
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/iap/verify/public_key') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    response.end(JSON.stringify(Object.fromEntries(signers.map((s) => [s.kid, s.publicPem]))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/iap/verify/public_key`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
