/**
 * A route the bot's HTTP server serves. Each ingress (console, Slack, Google Chat, the
 * Pub/Sub push endpoint, chart images) contributes its routes; the server only dispatches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Exact path, or a pattern whose named groups become params. */
  path: string | RegExp;
  handle(request: IncomingMessage, response: ServerResponse, params: Record<string, string>): Promise<void>;
}
