/** Serves routes with the bot's own HTTP server on a free loopback port. */
import { createHttpServer } from '../../src/bot/http/http-server.ts';
import type { Route } from '../../src/bot/http/route.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';

export interface RunningRoutes {
  url: string;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Route[], logger: Logger = silentLogger): Promise<RunningRoutes> {
  const server = createHttpServer(routes, logger);
  const { port } = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
