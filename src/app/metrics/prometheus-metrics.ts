/**
 * The metrics port on prom-client, with one registry per process (never the global one, so
 * two Kotae instances in one test process keep their own counts). Names follow Prometheus
 * conventions: a `kotae_` prefix, base units (`_seconds`, `_bytes`) and `_total` on counters.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../../core/ports/metrics.ts';

export interface PrometheusMetrics {
  metrics: Metrics;
  /** The exposition text and its content type, for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Seconds: from a fast route to a long agent task. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export function createPrometheusMetrics(options: { defaultMetrics?: boolean } = {}): PrometheusMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: 'kotae_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const tasks = new Counter({
    name: 'kotae_tasks_total',
    help: 'Tasks finished by a worker, by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const taskDuration = new Histogram({
    name: 'kotae_task_duration_seconds',
    help: 'Time from claim to the end of a task run',
    labelNames: ['kind', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const queueWait = new Histogram({
    name: 'kotae_queue_wait_seconds',
    help: 'Time from task creation to its claim by a worker',
    labelNames: ['kind'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const steps = new Counter({
    name: 'kotae_agent_steps_total',
    help: 'Agent steps by tool and outcome',
    labelNames: ['tool', 'outcome'],
    registers,
  });
  const llmCalls = new Counter({
    name: 'kotae_llm_calls_total',
    help: 'LLM calls by model and outcome',
    labelNames: ['model', 'outcome'],
    registers,
  });
  const llmTokens = new Counter({
    name: 'kotae_llm_tokens_total',
    help: 'LLM tokens by model and direction (input, output)',
    labelNames: ['model', 'direction'],
    registers,
  });
  const llmErrors = new Counter({
    name: 'kotae_llm_errors_total',
    help: 'Failed LLM calls by model and error code',
    labelNames: ['model', 'code'],
    registers,
  });
  const llmDuration = new Histogram({
    name: 'kotae_llm_call_duration_seconds',
    help: 'LLM call duration by model',
    labelNames: ['model'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const warehouseQueries = new Counter({
    name: 'kotae_warehouse_queries_total',
    help: 'Warehouse queries by backend and verdict',
    labelNames: ['backend', 'verdict'],
    registers,
  });
  const warehouseBytes = new Counter({
    name: 'kotae_warehouse_bytes_processed_total',
    help: 'Bytes processed by executed warehouse queries',
    labelNames: ['backend'],
    registers,
  });
  const warehouseRefusals = new Counter({
    name: 'kotae_warehouse_refusals_total',
    help: 'Warehouse queries refused by the guard or the budget, by reason',
    labelNames: ['backend', 'reason'],
    registers,
  });
  const platformCalls = new Counter({
    name: 'kotae_platform_api_calls_total',
    help: 'Chat platform API calls by platform, operation and outcome',
    labelNames: ['platform', 'operation', 'outcome'],
    registers,
  });
  const platformRateLimited = new Counter({
    name: 'kotae_platform_rate_limited_total',
    help: 'HTTP 429 answers from a chat platform API, by platform, including those retried after backing off',
    labelNames: ['platform'],
    registers,
  });

  const timeToAnswer = new Histogram({
    name: 'kotae_time_to_answer_seconds',
    help: 'Time from a question to its answer (task creation to completion), by kind',
    labelNames: ['kind'],
    buckets: DURATION_BUCKETS,
    registers,
  });

  const metrics: Metrics = {
    httpRequest({ method, route, status, seconds }) {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },
    taskClaimed({ kind, queueWaitSeconds }) {
      queueWait.observe({ kind }, Math.max(0, queueWaitSeconds));
    },
    taskFinished({ kind, outcome, seconds }) {
      tasks.inc({ kind, outcome });
      taskDuration.observe({ kind, outcome }, seconds);
    },
    timeToAnswer({ kind, seconds }) {
      timeToAnswer.observe({ kind }, seconds);
    },
    step({ tool, outcome }) {
      steps.inc({ tool, outcome });
    },
    llmCall({ model, outcome, seconds, inputTokens, outputTokens, errorCode }) {
      llmCalls.inc({ model, outcome });
      llmDuration.observe({ model }, seconds);
      if (inputTokens > 0) llmTokens.inc({ model, direction: 'input' }, inputTokens);
      if (outputTokens > 0) llmTokens.inc({ model, direction: 'output' }, outputTokens);
      if (outcome === 'error') llmErrors.inc({ model, code: errorCode ?? 'unknown' });
    },
    warehouseQuery({ backend, verdict, bytes, reason }) {
      warehouseQueries.inc({ backend, verdict });
      if (verdict === 'executed' && bytes > 0) warehouseBytes.inc({ backend }, bytes);
      if (verdict === 'refused') warehouseRefusals.inc({ backend, reason: reason ?? 'other' });
    },
    platformCall({ platform, operation, outcome }) {
      platformCalls.inc({ platform, operation, outcome });
    },
    platformRateLimited({ platform }) {
      platformRateLimited.inc({ platform });
    },
  };

  return {
    metrics,
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
