/**
 * The console page in the configured language. If this breaks, a browser whose languages
 * the page does not offer opens the console in a language nobody configured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticRoutes } from '../../../src/bot/console/static-routes.ts';
import { LOCALES, type Locale } from '../../../src/core/locale.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { serveRoutes, type RunningRoutes } from '../../support/route-server.ts';

let server: RunningRoutes | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(defaultLocale: Locale): Promise<string> {
  server = await serveRoutes(createStaticRoutes({ defaultLocale }), silentLogger, defaultLocale);
  return server.url;
}

describe('the console page', () => {
  it.each(LOCALES)('is served with <html lang="%s"> when that is the configured locale', async (locale) => {
    const url = await serve(locale);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html.match(/<html lang="([^"]*)">/)?.[1]).toBe(locale);
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(html));
    }
  });

  it('offers a button for every locale, which the page matches the browser against', async () => {
    const html = await (await fetch(`${await serve(LOCALES[0])}/`)).text();
    const offered = [...html.matchAll(/data-locale="([^"]+)"/g)].map((match) => match[1]);
    expect(offered.sort()).toEqual([...LOCALES].sort());
  });
});
