/** Serves the console page's static files (index.html, app.js, style.css). */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { t } from '../../core/i18n/translate.ts';
import { sendText } from '../http/http-io.ts';
import { requestLocale } from '../http/request-locale.ts';
import type { Route } from '../http/route.ts';

// Resolved from the project root, so it works from src/ and from a build in dist/.
const STATIC_DIR = fileURLToPath(new URL('../../../src/bot/console/static/', import.meta.url));

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/console/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

export function createStaticRoutes(): Route[] {
  return Object.entries(FILES).map(([path, { file, type }]) => ({
    method: 'GET' as const,
    path,
    async handle(request, response) {
      let body: Buffer;
      try {
        body = await readFile(`${STATIC_DIR}${file}`);
      } catch {
        sendText(response, 404, t(requestLocale(request), 'http.notFound'));
        return;
      }
      response.writeHead(200, {
        'content-type': type,
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-security-policy':
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
      });
      response.end(body);
    },
  }));
}
