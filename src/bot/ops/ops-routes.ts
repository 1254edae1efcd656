/**
 * The operator's routes, on the bot and on the worker's small port:
 *  - GET /healthz: liveness. The process answers; nothing else is checked, so a database
 *    outage never makes Cloud Run restart healthy instances.
 *  - GET /readyz: readiness. 200 when every part answers, else 503 naming the failing parts.
 *  - GET /metrics: Prometheus text (Managed Prometheus scrapes it).
 */
import type { Logger } from '../../core/logger.ts';
import type { ReadinessCheck } from '../../core/ports/readiness.ts';
import { sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { runReadiness } from './readiness.ts';

export interface OpsRoutesDeps {
  checks: () => ReadinessCheck[];
  renderMetrics?: () => Promise<{ contentType: string; body: string }>;
  logger: Logger;
  /** Per check; Cloud Run's probe timeout is 1 s by default, so stay under what it is set to. */
  checkTimeoutMs?: number;
}

export function createOpsRoutes(deps: OpsRoutesDeps): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/healthz',
      handle: async (_request, response) => sendJson(response, 200, { ok: true }),
    },
    {
      method: 'GET',
      path: '/readyz',
      handle: async (_request, response) => {
        const report = await runReadiness(deps.checks(), deps.checkTimeoutMs ?? 2_000);
        if (!report.ready) deps.logger.warn('not ready', { failing: report.failing, checks: report.checks });
        sendJson(response, report.ready ? 200 : 503, {
          status: report.ready ? 'ready' : 'unavailable',
          ...(report.ready ? {} : { failing: report.failing }),
          checks: report.checks,
        });
      },
    },
  ];
  const render = deps.renderMetrics;
  if (render) {
    routes.push({
      method: 'GET',
      path: '/metrics',
      handle: async (_request, response) => {
        const { contentType, body } = await render();
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(body);
      },
    });
  }
  return routes;
}
