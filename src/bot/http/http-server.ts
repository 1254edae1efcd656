/**
 * The bot's single HTTP server: it only dispatches to the routes each ingress
 * contributes (console, Slack, Google Chat, Pub/Sub push, charts, health).
 * A route's failure becomes a JSON error with the right status; nothing crashes the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isKotaeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { sendJson } from './http-io.ts';
import type { Route } from './route.ts';

export interface HttpServer {
  server: Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

function match(route: Route, method: string, pathname: string): Record<string, string> | null {
  if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) return null;
  if (typeof route.path === 'string') return route.path === pathname ? {} : null;
  const found = route.path.exec(pathname);
  if (!found || found[0] !== pathname) return null;
  return { ...found.groups };
}

export function createHttpServer(routes: Route[], logger: Logger): HttpServer {
  async function dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    for (const route of routes) {
      const params = match(route, method, pathname);
      if (!params) continue;
      await route.handle(request, response, params);
      return;
    }
    sendJson(response, 404, { error: 'not_found' });
  }

  const server = createServer((request, response) => {
    dispatch(request, response).catch((error: unknown) => {
      const status =
        isKotaeError(error) && typeof error.data['status'] === 'number' ? error.data['status'] : 500;
      if (status >= 500) logger.error('http: route failed', { path: request.url, error });
      if (response.headersSent) {
        response.end();
        return;
      }
      const code = isKotaeError(error) ? error.code : 'internal';
      sendJson(
        response,
        status,
        status < 500 && error instanceof Error ? { error: error.message, code } : { error: code },
      );
    });
  });
  // Slack retries after 3 s; a request that takes longer is already lost, so don't hold sockets.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
