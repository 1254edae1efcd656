/** Serves the console page: index.html, app.js and its modules (js/), style.css, and its webfont. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { KotaeError } from '../../core/errors.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import { sendText } from '../http/http-io.ts';
import { requestLocale } from '../http/request-locale.ts';
import type { Route } from '../http/route.ts';
import { CONSOLE_FONT_CSS_URL, CONSOLE_FONT_URL, fontFaceCss, type ConsoleFont } from './console-font.ts';

// Resolved from the project root, so it works from src/ and from a build in dist/.
const STATIC_DIR = fileURLToPath(new URL('../../../src/bot/console/static/', import.meta.url));

const PAGE = { file: 'index.html', type: 'text/html; charset=utf-8' };
const FILES: Record<string, { file: string; type: string }> = {
  '/console/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/console/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};
const HTML_LANG = /<html lang="[^"]*">/;

export interface StaticRoutesOptions {
  font?: ConsoleFont;
  /**
   * The configured language: the page's `<html lang>` (what it shows when none of the
   * browser's languages is offered), and a 404's to a request that names none it speaks.
   */
  defaultLocale: Locale;
}

export function createStaticRoutes(options: StaticRoutesOptions): Route[] {
  const { font, defaultLocale } = options;
  return [
    ...fileRoutes(defaultLocale),
    moduleRoute(defaultLocale),
    fontRoute(font, defaultLocale),
    fontCssRoute(font),
  ];
}

function fontCssRoute(font: ConsoleFont | undefined): Route {
  return {
    method: 'GET',
    path: CONSOLE_FONT_CSS_URL,
    async handle(_request, response) {
      const body = fontFaceCss(Boolean(font?.file()));
      response.writeHead(200, {
        'content-type': 'text/css; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      response.end(body);
    },
  };
}

/** The webfont, once built; a 404 until then, and the page falls back to system fonts. */
function fontRoute(font: ConsoleFont | undefined, defaultLocale: Locale): Route {
  return {
    method: 'GET',
    path: CONSOLE_FONT_URL,
    async handle(request, response) {
      const path = font?.file();
      const body = path ? await readFile(path).catch(() => null) : null;
      if (!body) {
        sendText(response, 404, t(requestLocale(request, defaultLocale), 'http.notFound'));
        return;
      }
      response.writeHead(200, {
        'content-type': 'font/woff2',
        'content-length': body.length,
        'cache-control': 'public, max-age=86400',
        'x-content-type-options': 'nosniff',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    },
  };
}

/** The page's modules (static/js/<name>.js): names are plain words, so no path can escape. */
function moduleRoute(defaultLocale: Locale): Route {
  return {
    method: 'GET',
    path: /^\/console\/js\/(?<name>[a-z][a-z0-9-]*)\.js$/,
    async handle(request, response, params) {
      const body = await readFile(`${STATIC_DIR}js/${params['name']}.js`).catch(() => null);
      if (!body) {
        sendText(response, 404, t(requestLocale(request, defaultLocale), 'http.notFound'));
        return;
      }
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      response.end(body);
    },
  };
}

/** index.html with `<html lang>` set to `locale`; read and rendered once, on first use. */
function pageLoader(locale: Locale): () => Promise<Buffer> {
  let page: Promise<Buffer> | null = null;
  return () => {
    if (page) return page;
    page = readFile(`${STATIC_DIR}${PAGE.file}`, 'utf8').then((html) => {
      if (!HTML_LANG.test(html))
        throw new KotaeError('console_page_invalid', `${PAGE.file} has no <html lang="…">`);
      return Buffer.from(html.replace(HTML_LANG, `<html lang="${locale}">`));
    });
    // A failed read is not kept: the next request tries again.
    page.catch(() => {
      page = null;
    });
    return page;
  };
}

function fileRoutes(defaultLocale: Locale): Route[] {
  const loadPage = pageLoader(defaultLocale);
  const files = [
    { path: '/', type: PAGE.type, load: loadPage },
    ...Object.entries(FILES).map(([path, { file, type }]) => ({
      path,
      type,
      load: () => readFile(`${STATIC_DIR}${file}`),
    })),
  ];
  return files.map(({ path, type, load }) => ({
    method: 'GET' as const,
    path,
    async handle(request, response) {
      let body: Buffer;
      try {
        body = await load();
      } catch {
        sendText(response, 404, t(requestLocale(request, defaultLocale), 'http.notFound'));
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
