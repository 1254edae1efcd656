/** GET /charts/<id>.png?exp&sig: serves a stored chart to whoever holds a valid signed URL. */
import type { Clock } from '../../core/clock.ts';
import type { Locale } from '../../core/locale.ts';
import type { ChartImageStore } from '../../store/chart-image-store.ts';
import { t } from '../../core/i18n/translate.ts';
import { sendText } from '../http/http-io.ts';
import { requestLocale } from '../http/request-locale.ts';
import type { Route } from '../http/route.ts';
import type { ChartUrlSigner } from './chart-url-signer.ts';

export function createChartRoutes(deps: {
  charts: ChartImageStore;
  signer: ChartUrlSigner;
  clock: Clock;
  defaultLocale: Locale;
}): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/charts\/(?<id>[0-9a-fA-F-]{36})\.png$/,
      async handle(request, response, params) {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const id = params['id']!;
        const now = deps.clock.now();
        const exp = url.searchParams.get('exp');
        if (!deps.signer.verify(id, exp, url.searchParams.get('sig'), now)) {
          sendText(response, 403, t(requestLocale(request, deps.defaultLocale), 'http.forbidden'));
          return;
        }
        const png = await deps.charts.load(id, now);
        if (!png) {
          sendText(response, 404, t(requestLocale(request, deps.defaultLocale), 'http.notFound'));
          return;
        }
        const maxAge = Math.max(0, Number(exp) - Math.floor(now.getTime() / 1000));
        response.writeHead(200, {
          'content-type': 'image/png',
          'content-length': png.byteLength,
          'cache-control': `private, max-age=${maxAge}`,
          'x-content-type-options': 'nosniff',
        });
        response.end(request.method === 'HEAD' ? undefined : png);
      },
    },
  ];
}
