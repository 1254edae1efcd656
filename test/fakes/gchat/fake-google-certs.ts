/**
 * A local stand-in for Google's public key endpoints:
 *   GET /service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com  → x509 map
 *   GET /oauth2/v1/certs → x509 map          GET /oauth2/v3/certs → JWKS
 * with `Cache-Control: public, max-age=…` as Google sends it. It counts fetches so tests
 * can see the cache at work, and can be switched to a new key (rotation).
 */
import { createServer } from 'node:http';
import type { GoogleSigner } from './google-signer.ts';

export interface FakeGoogleCerts {
  url: string;
  chatCertsUrl: string;
  oauthCertsUrl: string;
  jwksUrl: string;
  fetches: number;
  maxAgeSeconds: number;
  /** Publish these signers' keys from now on. */
  publish(...signers: GoogleSigner[]): void;
  close(): Promise<void>;
}

export async function startFakeGoogleCerts(...initial: GoogleSigner[]): Promise<FakeGoogleCerts> {
  let signers = initial;
  const state = { fetches: 0, maxAgeSeconds: 21_600 };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    let body: unknown;
    if (
      path === '/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com' ||
      path === '/oauth2/v1/certs'
    ) {
      body = Object.assign({}, ...signers.map((s) => s.x509Map()));
    } else if (path === '/oauth2/v3/certs') {
      body = { keys: signers.flatMap((s) => s.jwks().keys) };
    } else {
      response.writeHead(404).end();
      return;
    }
    state.fetches += 1;
    response.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      'cache-control': `public, max-age=${state.maxAgeSeconds}, must-revalidate, no-transform`,
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    chatCertsUrl: `${url}/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com`,
    oauthCertsUrl: `${url}/oauth2/v1/certs`,
    jwksUrl: `${url}/oauth2/v3/certs`,
    get fetches() {
      return state.fetches;
    },
    get maxAgeSeconds() {
      return state.maxAgeSeconds;
    },
    set maxAgeSeconds(value: number) {
      state.maxAgeSeconds = value;
    },
    publish(...next) {
      signers = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
