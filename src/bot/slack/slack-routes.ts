/**
 * The Slack request URL, mounted on the bot's one HTTP server: `POST /slack/events` takes
 * events, slash commands and interactivity alike (point all three there in the manifest).
 * Verification comes before anything reads the body; an unverified request gets 401 and
 * touches nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeUnlessRead, readBody } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { isKotaeError, KotaeError } from '../../core/errors.ts';
import type { Clock } from '../../core/clock.ts';
import type { SlackAck, SlackDispatcher } from './dispatcher.ts';
import type { Logger } from './bolt-logger.ts';
import { createSlackOAuthRoutes, type SlackOAuthOptions } from './oauth.ts';
import { headerNumber, headerText, parseSlackBody } from './request-body.ts';
import { verifySlackRequest } from './slack-verify.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackEventsRouteOptions {
  signingSecret: string;
  dispatcher: SlackDispatcher;
  clock: Clock;
  logger: Logger;
  path?: string;
}

/** Every Slack route the bot's HTTP server mounts: the request URL, and the OAuth pair when configured. */
export function createSlackRoutes(options: SlackEventsRouteOptions & { oauth?: SlackOAuthOptions }): Route[] {
  return [createSlackEventsRoute(options), ...(options.oauth ? createSlackOAuthRoutes(options.oauth) : [])];
}

export function createSlackEventsRoute(options: SlackEventsRouteOptions): Route {
  if (!options.signingSecret)
    throw new KotaeError(
      'config_invalid',
      'SLACK_SIGNING_SECRET is required to receive Slack requests over HTTP',
    );
  const { logger } = options;

  return {
    method: 'POST',
    path: options.path ?? SLACK_EVENTS_PATH,
    async handle(request, response) {
      // Slack's 3 s count from here: reading and verifying the body are part of them.
      const receivedAt = options.clock.now().getTime();
      let raw: Buffer;
      try {
        raw = await readBody(request);
      } catch (error) {
        closeUnlessRead(request, response);
        return send(response, { status: isKotaeError(error) && error.code === 'body_too_large' ? 413 : 400 });
      }
      // Slack's SSL check (slash commands) may come unsigned; like Bolt, answer it and do nothing else.
      if (isSslCheck(raw, headerText(request, 'content-type'))) return send(response, { status: 200 });
      const verified = verifySlackRequest({
        signingSecret: options.signingSecret,
        body: raw,
        headers: request.headers,
        now: options.clock.now(),
      });
      if (!verified.ok) {
        logger.warn('Refused a Slack request that failed verification', { reason: verified.reason });
        return send(response, { status: 401 });
      }
      const body = parseSlackBody(raw, headerText(request, 'content-type'));
      if (!body) return send(response, { status: 400 });
      if (body.type === 'url_verification')
        return send(response, { status: 200, body: { challenge: body.challenge } });

      const dispatched = await options.dispatcher.dispatch({ body, receivedAt, ...retryOf(request) });
      send(response, dispatched.ack);
      dispatched.afterAck();
    },
  };
}

/** `x-slack-retry-num` (1, 2, 3) and `x-slack-retry-reason` (http_timeout, http_error, …). */
function retryOf(request: IncomingMessage): { retryNum?: number; retryReason?: string } {
  const retryNum = headerNumber(request, 'x-slack-retry-num');
  const retryReason = headerText(request, 'x-slack-retry-reason');
  return { ...(retryNum === undefined ? {} : { retryNum }), ...(retryReason ? { retryReason } : {}) };
}

function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  if (!contentType?.startsWith('application/x-www-form-urlencoded') || raw.length > 4096) return false;
  return new URLSearchParams(raw.toString('utf8')).get('ssl_check') === '1';
}

function send(response: ServerResponse, ack: SlackAck): void {
  if (ack.body === undefined) {
    response.writeHead(ack.status, { 'content-length': '0' });
    response.end();
  } else if (typeof ack.body === 'string') {
    response.writeHead(ack.status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(ack.body);
  } else {
    response.writeHead(ack.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(ack.body));
  }
}
