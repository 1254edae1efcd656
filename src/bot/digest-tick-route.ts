/**
 * POST /internal/digests/tick: Cloud Scheduler's once-a-minute call, with an OIDC token
 * for the configured audience and service account (the same check as the Pub/Sub push
 * endpoint). A refused token gets 401 with no detail; a tick that fails gets 500, so
 * Scheduler retries (ticks are at-least-once; the unique run makes repeats harmless).
 */
import type { Logger } from '../core/logger.ts';
import { bearerToken, type GoogleIdTokenVerifier } from './google-id-token-verifier.ts';
import { sendJson } from './http/http-io.ts';
import type { Route } from './http/route.ts';

export const DIGEST_TICK_PATH = '/internal/digests/tick';

export function createDigestTickRoute(deps: {
  verifier: GoogleIdTokenVerifier;
  tick: () => Promise<object>;
  logger: Logger;
}): Route {
  return {
    method: 'POST',
    path: DIGEST_TICK_PATH,
    async handle(request, response) {
      const verdict = await deps.verifier.verify(bearerToken(request.headers.authorization));
      if (!verdict.ok) {
        deps.logger.warn('digest tick refused', { reason: verdict.reason });
        sendJson(response, 401, { ok: false });
        return;
      }
      try {
        sendJson(response, 200, { ok: true, ...(await deps.tick()) });
      } catch (error) {
        deps.logger.error('digest tick failed', { error });
        sendJson(response, 500, { ok: false });
      }
    },
  };
}
