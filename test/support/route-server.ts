/** Serves routes with the bot's own HTTP server on a free loopback port. */
import { createHttpServer } from '../../src/bot/http/http-server.ts';
import type { Route } from '../../src/bot/http/route.ts';
import type { Locale } from '../../src/core/locale.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';

export interface RunningRoutes {
  url: string;
  close(): Promise<void>;
}

export async function serveRoutes(
  routes: Route[],
  logger: Logger = silentLogger,
  defaultLocale: Locale = 'ja',
): Promise<RunningRoutes> {
  const server = createHttpServer(routes, logger, { defaultLocale });
  const { port } = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
