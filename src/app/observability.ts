/**
 * The operator's view of one process: its metrics, its readiness checks and the routes that
 * serve them. The bot serves them beside its own routes; the worker alone gets a small
 * server of its own on PORT (Cloud Run's probes and the Managed Prometheus sidecar).
 */
import { createHttpServer } from '../bot/http/http-server.ts';
import type { Route } from '../bot/http/route.ts';
import { createOpsRoutes } from '../bot/ops/ops-routes.ts';
import type { Locale } from '../core/locale.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/ports/metrics.ts';
import type { ReadinessCheck } from '../core/ports/readiness.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { Database } from '../store/prisma-client.ts';
import { createPrometheusMetrics } from './metrics/prometheus-metrics.ts';

export interface Observability {
  metrics: Metrics;
  /** Adds a check that is known only later (the warehouse, once the worker built it). */
  addCheck(check: () => ReadinessCheck | null): void;
  routes(): Route[];
  /** The worker's own port: /healthz, /readyz, /metrics. */
  /** Serves these routes, plus `extra` (a push worker's endpoint), on their own server. */
  serve(port: number, host: string, extra?: Route[]): Promise<{ port: number; stop(): Promise<void> }>;
}

export function createObservability(deps: {
  db: Database;
  queue: TaskQueue;
  logger: Logger;
  /** The configured language, for the worker's own server's error bodies. */
  defaultLocale: Locale;
}): Observability {
  const prometheus = createPrometheusMetrics();
  const extra: Array<() => ReadinessCheck | null> = [];
  const checks = (): ReadinessCheck[] => [
    {
      name: 'database',
      check: async () => {
        await deps.db.$queryRawUnsafe('SELECT 1');
      },
    },
    { name: 'queue', check: async (signal) => await deps.queue.check?.(signal) },
    ...extra.map((make) => make()).filter((check): check is ReadinessCheck => check !== null),
  ];
  const routes = () => createOpsRoutes({ checks, renderMetrics: prometheus.render, logger: deps.logger });
  return {
    metrics: prometheus.metrics,
    addCheck: (check) => extra.push(check),
    routes,
    async serve(port, host, extra = []) {
      const server = createHttpServer([...routes(), ...extra], deps.logger, {
        defaultLocale: deps.defaultLocale,
        observe: prometheus.metrics.httpRequest,
      });
      const bound = await server.listen(port, host);
      deps.logger.info('metrics and health served', { port: bound.port });
      return { port: bound.port, stop: () => server.close() };
    },
  };
}

/** The warehouse's readiness, once the worker opened it (null before: nothing to check yet). */
export function warehouseCheck(check: () => Promise<void> | null): () => ReadinessCheck | null {
  return () => {
    const pending = check();
    return pending ? { name: 'warehouse', check: () => pending } : null;
  };
}
