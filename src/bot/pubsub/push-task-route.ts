/**
 * POST /pubsub/push/tasks: the worker on Pub/Sub push. The token is verified first; then
 * the task runs, and the status tells Pub/Sub whether to redeliver (see PushOutcome).
 */
import type { Logger } from '../../core/logger.ts';
import type { PushOutcome, PushTaskRunner } from '../../core/ports/push-delivery.ts';
import type { GoogleIdTokenVerifier } from '../google-id-token-verifier.ts';
import { readJson, sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { authorizePush } from './push-auth.ts';
import { parsePushMessage, pushTaskId } from './push-message.ts';

export const PUSH_TASKS_PATH = '/pubsub/push/tasks';

const STATUS: Record<PushOutcome, number> = {
  done: 204,
  handed_off: 200,
  busy: 429,
  elsewhere: 503,
  retry: 503,
};

export function createPushTaskRoute(deps: {
  verifier: GoogleIdTokenVerifier;
  run: PushTaskRunner;
  logger: Logger;
}): Route {
  return {
    method: 'POST',
    path: PUSH_TASKS_PATH,
    async handle(request, response) {
      if (!(await authorizePush(deps.verifier, request, response, deps.logger))) return;
      const message = parsePushMessage(await readJson(request));
      const taskId = message && pushTaskId(message);
      if (!taskId) {
        // Redelivering it would not help: ack it away, as the pull worker does.
        deps.logger.error('pubsub push: message without a task id; acking it away', {
          messageId: message?.id,
        });
        response.writeHead(204).end();
        return;
      }
      const outcome = await deps.run(taskId);
      if (outcome === 'done') {
        response.writeHead(204).end();
        return;
      }
      sendJson(response, STATUS[outcome], { outcome });
    },
  };
}
