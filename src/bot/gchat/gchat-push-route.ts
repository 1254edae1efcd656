/**
 * POST /pubsub/push/chat: Google Chat events delivered by a Pub/Sub push subscription.
 * The push OIDC token is verified first (401 otherwise, nothing runs); the event is then
 * handled as a pulled one. 204 once intake persisted its task; 503 asks for redelivery.
 */
import type { Logger } from '../../core/logger.ts';
import type { GoogleIdTokenVerifier } from '../google-id-token-verifier.ts';
import { readJson, sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { authorizePush } from '../pubsub/push-auth.ts';
import { parsePushMessage } from '../pubsub/push-message.ts';
import { handleChatPubSubEvent, runAfterAck } from './gchat-pubsub-event.ts';
import type { GchatEventHandler } from './gchat-event-handler.ts';
import type { GchatPlatform } from './gchat-platform.ts';

export const PUSH_CHAT_PATH = '/pubsub/push/chat';

export function createChatPushRoute(deps: {
  verifier: GoogleIdTokenVerifier;
  handler: GchatEventHandler;
  platform: GchatPlatform;
  logger: Logger;
}): Route {
  return {
    method: 'POST',
    path: PUSH_CHAT_PATH,
    async handle(request, response) {
      if (!(await authorizePush(deps.verifier, request, response, deps.logger))) return;
      const message = parsePushMessage(await readJson(request));
      if (!message) {
        deps.logger.warn('Google Chat push body is not a Pub/Sub message; dropped');
        response.writeHead(204).end();
        return;
      }
      const verdict = await handleChatPubSubEvent(message.data, message.id, deps);
      if (!verdict.ack) {
        sendJson(response, 503, { outcome: 'retry' });
        return;
      }
      response.writeHead(204).end();
      await runAfterAck(verdict, message.id, deps.logger);
    },
  };
}
