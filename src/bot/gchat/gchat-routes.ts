/**
 * POST /gchat/events — Google Chat's HTTP endpoint. Verify the bearer token (401 and
 * nothing else on any doubt), parse, hand to the event handler, answer at once, then post
 * the placeholder. Chat waits at most 30 seconds for the answer; ours comes after one
 * database write and one publish.
 *
 * The synchronous answer is the message Chat should post for us: a classic Chat app
 * returns a Message (with actionResponse NEW_MESSAGE for a card click), a Workspace
 * add-on wraps it in hostAppDataAction.chatDataAction.createMessageAction. `{}` posts
 * nothing.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.ts';
import type { Route } from '../http/route.ts';
import { closeUnlessRead, readBody } from '../http/http-io.ts';
import type { ChatTokenVerifier } from './gchat-token-verifier.ts';
import type { ImmediateMessage } from './gchat-answer.ts';
import type { GchatEventHandler } from './gchat-event-handler.ts';

export interface ChatRoutesOptions {
  verifier: ChatTokenVerifier;
  handler: GchatEventHandler;
  logger: Logger;
  path?: string;
  /** Chat events are small; anything larger is not from Chat. */
  maxBodyBytes?: number;
}

export const GCHAT_EVENTS_PATH = '/gchat/events';

export function createChatRoutes(options: ChatRoutesOptions): Route[] {
  const { logger } = options;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;

  return [
    {
      method: 'POST',
      path: options.path ?? GCHAT_EVENTS_PATH,
      async handle(request, response) {
        const verdict = await options.verifier.verify(request.headers.authorization);
        if (!verdict.ok) {
          logger.warn('Google Chat request refused', { reason: verdict.reason });
          request.resume();
          return sendJson(response, 401, { error: 'unauthorized' });
        }
        let body: unknown;
        try {
          body = JSON.parse((await readBody(request, maxBody)).toString('utf8'));
        } catch (error) {
          logger.warn('Google Chat request body unreadable', { error });
          closeUnlessRead(request, response);
          return sendJson(response, 400, { error: 'invalid body' });
        }

        let outcome;
        try {
          outcome = await options.handler.handle(body, 'http');
        } catch (error) {
          // Nothing was acknowledged: Chat tells the user the app is not responding.
          logger.error('Google Chat event failed', { error });
          return sendJson(response, 500, {});
        }
        if (!outcome.ok) {
          logger.warn('Google Chat event malformed', { error: outcome.error });
          return sendJson(response, 400, { error: outcome.error });
        }

        const { immediate, after } = outcome.handled;
        sendJson(response, 200, immediate ? synchronousResponse(immediate) : {});
        if (after) {
          try {
            await after();
          } catch (error) {
            logger.warn('work after the Google Chat response failed', { error });
          }
        }
      },
    },
  ];
}

export function synchronousResponse(immediate: ImmediateMessage): Record<string, unknown> {
  const { message } = immediate;
  if (immediate.format === 'addon') {
    return { hostAppDataAction: { chatDataAction: { createMessageAction: { message } } } };
  }
  return immediate.newMessage ? { ...message, actionResponse: { type: 'NEW_MESSAGE' } } : { ...message };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}
