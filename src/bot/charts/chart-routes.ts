/**
 * GET /charts/<id>.png?exp=…&sig=… — serves one chart PNG to whoever holds a valid,
 * unexpired signed URL (in practice Google's image proxy, rendering a card). There is no
 * listing and no other way in: a bad or missing signature is 403, an expired one 403,
 * an unknown or purged image 404.
 */
import type { ServerResponse } from 'node:http';
import type { Clock } from '../../core/clock.ts';
import type { ChartImageStore } from '../../store/chart-image-store.ts';
import type { Route } from '../http/route.ts';
import type { ChartUrlSigner } from './chart-url-signer.ts';

export interface ChartRoutesOptions {
  signer: ChartUrlSigner;
  store: ChartImageStore;
  clock: Clock;
  /** Must match the signer's prefix. */
  pathPrefix?: string;
}

export function createChartRoutes(options: ChartRoutesOptions): Route[] {
  const prefix = (options.pathPrefix ?? '/charts').replace(/\/+$/, '');
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const path = new RegExp(`^${escaped}/(?<id>[A-Za-z0-9-]{1,64})\\.png$`);

  return [
    {
      method: 'GET',
      path,
      async handle(request, response, params) {
        const id = params['id'] ?? '';
        const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
        const check = options.signer.check(id, query.get('exp'), query.get('sig'));
        if (check !== 'ok') {
          send(response, 403, check === 'expired' ? 'This chart link has expired.' : 'Forbidden.');
          return;
        }
        const now = options.clock.now();
        const png = await options.store.load(id, now);
        if (!png) {
          send(response, 404, 'Not found.');
          return;
        }
        // Caches may keep it until the link itself expires, and no longer.
        const remaining = Math.max(0, Number(query.get('exp')) * 1000 - now.getTime());
        response.writeHead(200, {
          'Content-Type': 'image/png',
          'Content-Length': String(png.byteLength),
          'Cache-Control': `private, max-age=${Math.floor(remaining / 1000)}`,
          'X-Content-Type-Options': 'nosniff',
        });
        response.end(png);
      },
    },
  ];
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}
