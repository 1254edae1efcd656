/**
 * The bot's single HTTP server, on express 5: it only dispatches to the routes each ingress
 * contributes (console, Slack, Google Chat, Pub/Sub push, charts, health).
 * Routes read their own bodies, so the raw bytes stay intact for Slack's signature check.
 * Every request is logged with its route name, status and duration; a route's failure becomes
 * a JSON error with the right status; nothing crashes the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { isKotaeError } from '../../core/errors.ts';
import type { Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import { closeUnlessRead, httpErrorText, sendJson } from './http-io.ts';
import { requestLocale } from './request-locale.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Route } from './route.ts';

export interface HttpServer {
  server: Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** Called once per finished request, with the matched route's name ('unmatched' for a 404). */
export type RequestObserver = (info: {
  method: string;
  route: string;
  status: number;
  seconds: number;
}) => void;

export interface HttpServerOptions {
  /** The configured language, for errors to a request that names none it speaks. */
  defaultLocale: Locale;
  observe?: RequestObserver;
  /** Called when a request matched a route, inside the request's context (to name its trace span). */
  onRoute?: (method: string, route: string) => void;
}

function match(route: Route, method: string, pathname: string): Record<string, string> | null {
  if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) return null;
  if (typeof route.path === 'string') return route.path === pathname ? {} : null;
  const found = route.path.exec(pathname);
  if (!found || found[0] !== pathname) return null;
  return { ...found.groups };
}

/** A low-cardinality name for metrics and traces: the path, or the pattern's source. */
export function routeName(route: Route): string {
  return typeof route.path === 'string' ? route.path : route.path.source;
}

const ROUTE_NAME = Symbol('kotae.route');
type Named = IncomingMessage & { [ROUTE_NAME]?: string };

/** The express app that serves `routes`; exported so tests and other servers can mount it. */
export function createHttpApp(routes: Route[], logger: Logger, options: HttpServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (request as Named)[ROUTE_NAME] ?? 'unmatched';
      const info = { method: request.method, route, status: response.statusCode, seconds };
      options.observe?.(info);
      logger.debug('http request', { ...info, ms: Math.round(seconds * 1000) });
    });
    next();
  });

  app.use(async (request: Request, response: Response, next: NextFunction) => {
    const { pathname } = new URL(request.originalUrl || '/', 'http://localhost');
    for (const route of routes) {
      const params = match(route, request.method, pathname);
      if (!params) continue;
      (request as Named)[ROUTE_NAME] = routeName(route);
      options.onRoute?.(request.method, routeName(route));
      // Routes take node's own request and response: express's extend them.
      await route.handle(request as IncomingMessage, response as ServerResponse, params);
      return;
    }
    next();
  });

  app.use((request: Request, response: Response) =>
    sendJson(response, 404, {
      error: t(requestLocale(request, options.defaultLocale), 'http.notFound'),
      code: 'not_found',
    }),
  );

  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const status =
      isKotaeError(error) && typeof error.data['status'] === 'number' ? error.data['status'] : 500;
    if (status >= 500) logger.error('http: route failed', { path: request.originalUrl, error });
    if (response.headersSent) {
      response.end();
      return;
    }
    const code = isKotaeError(error) ? error.code : 'internal';
    closeUnlessRead(request, response);
    sendJson(response, status, {
      error: httpErrorText(error, status, requestLocale(request, options.defaultLocale)),
      code,
    });
  });
  return app;
}

export function createHttpServer(routes: Route[], logger: Logger, options: HttpServerOptions): HttpServer {
  const server = createServer(createHttpApp(routes, logger, options));
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
