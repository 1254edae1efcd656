/**
 * Who may use the console, and as whom.
 *   open — `kotae dev` on loopback: everyone is the local user.
 *   iap  — `kotae bot` behind Identity-Aware Proxy: every request carries IAP's signed
 *          `x-goog-iap-jwt-assertion`, verified with google-auth-library against IAP's keys
 *          (ES256, audience, issuer https://cloud.google.com/iap, times); the verified
 *          email is the console user. Anything else is 401 before the route runs, so
 *          nothing is read or stored.
 *   off  — `kotae bot` without KOTAE_CONSOLE=iap: the console's routes are not mounted.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../core/logger.ts';
import {
  createGoogleIdTokenVerifier,
  IAP_CERTS_URL,
  IAP_ISSUERS,
  type GoogleIdTokenVerifier,
} from '../google-id-token-verifier.ts';
import { sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { CONSOLE_USER } from './console-channels.ts';

export const IAP_HEADER = 'x-goog-iap-jwt-assertion';

export type ConsoleAccess =
  { mode: 'open' } | { mode: 'off' } | { mode: 'iap'; verifier: GoogleIdTokenVerifier };

const users = new WeakMap<IncomingMessage, string>();

/** The person behind a console request: IAP's verified email, or the local user. */
export function consoleUser(request: IncomingMessage): string {
  return users.get(request) ?? CONSOLE_USER;
}

export function createIapVerifier(options: { audience: string; certsUrl?: string | undefined }) {
  return createGoogleIdTokenVerifier({
    audience: options.audience,
    certsUrl: options.certsUrl ?? IAP_CERTS_URL,
    issuers: IAP_ISSUERS,
  });
}

/** The console's routes as this access mode serves them (none when off). */
export function guardConsoleRoutes(routes: Route[], access: ConsoleAccess, logger: Logger): Route[] {
  if (access.mode === 'off') return [];
  if (access.mode === 'open') return routes;
  const { verifier } = access;
  return routes.map((route) => ({
    ...route,
    async handle(request, response, params) {
      const header = request.headers[IAP_HEADER];
      const verdict = await verifier.verify(typeof header === 'string' ? header : undefined);
      if (!verdict.ok || !verdict.email) {
        logger.warn('console: request refused', {
          reason: verdict.ok ? 'no_email' : verdict.reason,
          path: route.path.toString(),
        });
        sendJson(response, 401, { error: 'unauthorized' });
        return;
      }
      users.set(request, verdict.email);
      await route.handle(request, response, params);
    },
  }));
}

/** One line at start-up saying how the console is served. */
export function describeConsoleAccess(access: ConsoleAccess): string {
  if (access.mode === 'open') return 'console: open on this address (kotae dev)';
  if (access.mode === 'iap') return 'console: behind IAP, each request needs a verified IAP token';
  return 'console: off (set KOTAE_CONSOLE=iap with IAP_AUDIENCE to serve it behind IAP)';
}
