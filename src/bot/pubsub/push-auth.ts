/**
 * Pub/Sub push requests carry an OIDC token Google signs for the subscription's push
 * service account (`Authorization: Bearer …`). It is checked with google-auth-library
 * (signature, audience, issuer, times) plus `email` equal to the configured account and
 * `email_verified`. A refusal is 401 and nothing runs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.ts';
import { bearerToken, type GoogleIdTokenVerifier } from '../google-id-token-verifier.ts';
import { sendJson } from '../http/http-io.ts';

export async function authorizePush(
  verifier: GoogleIdTokenVerifier,
  request: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
): Promise<boolean> {
  const verdict = await verifier.verify(bearerToken(request.headers.authorization));
  if (verdict.ok) return true;
  logger.warn('pubsub push: request refused', { reason: verdict.reason, path: request.url });
  sendJson(response, 401, { error: 'unauthorized' });
  return false;
}
