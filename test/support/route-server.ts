/**
 * Serves a list of Routes on a loopback port, the way the bot's HTTP server mounts them:
 * exact paths or RegExps whose named groups become params. Unknown paths are 404.
 */
import { createServer, type Server } from 'node:http';
import type { Route } from '../../src/bot/http/route.ts';

export interface RunningRoutes {
  url: string;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Route[]): Promise<RunningRoutes> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const params =
        typeof route.path === 'string'
          ? route.path === path
            ? {}
            : null
          : (route.path.exec(path)?.groups ?? (route.path.test(path) ? {} : null));
      if (!params) continue;
      route.handle(request, response, { ...params }).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500).end(String(error));
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
