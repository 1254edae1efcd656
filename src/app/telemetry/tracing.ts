/**
 * OpenTelemetry for one process: a tracer provider with W3C propagation, HTTP (server and
 * client), `pg` and fetch/undici instrumentation, and the Tracer port over it.
 *
 *  - Spans are always made, so log lines carry the trace id of their request (Cloud Run
 *    passes `traceparent`, which the HTTP instrumentation continues).
 *  - They are exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set
 *    (`<endpoint>/v1/traces`, as the OTLP spec names it); otherwise they go nowhere.
 *  - Our modules are ES modules, which the require hook never sees; requiring `http` and
 *    `pg` once here after registration is what patches them (their prototypes are shared
 *    with the ES imports).
 */
import { createRequire } from 'node:module';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanOptions, TraceCarrier, Tracer } from '../../core/ports/tracer.ts';

export interface TracingOptions {
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT; undefined: spans are made for log correlation, never exported. */
  endpoint?: string | undefined;
}

export interface Tracing {
  tracer: Tracer;
  /** Exports what is buffered (tests, and before the process exits). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Probes and scrapes are not worth a trace each; an OTLP receiver in the same process (a
 * test's) must not trace its own intake, or every export would make spans to export.
 */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/v1/traces']);

let started: Tracing | null = null;

/** Once per process: the global provider cannot be replaced, so a second call returns the first. */
export function startTracing(options: TracingOptions): Tracing {
  if (started) return started;
  const endpoint = options.endpoint?.replace(/\/+$/, '');
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: endpoint
      ? [
          new BatchSpanProcessor({
            exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
            scheduledDelayMillis: 1_000,
          }),
        ]
      : [],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => QUIET_PATHS.has((request.url ?? '').split('?')[0]!),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      new UndiciInstrumentation(),
    ],
  });
  const require = createRequire(import.meta.url);
  require('http');
  require('https');
  require('pg');
  started = {
    tracer: createOtelTracer(),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  return started;
}

const KINDS: Record<NonNullable<SpanOptions['kind']>, SpanKind> = {
  internal: SpanKind.INTERNAL,
  consumer: SpanKind.CONSUMER,
  producer: SpanKind.PRODUCER,
  client: SpanKind.CLIENT,
};

/** The Tracer port over the global OpenTelemetry API (a no-op until a provider is registered). */
export function createOtelTracer(): Tracer {
  const tracer = trace.getTracer('kotae');
  return {
    span(name, options, work) {
      const parent: Context = options.parent?.['traceparent']
        ? propagation.extract(ROOT_CONTEXT, options.parent)
        : context.active();
      return tracer.startActiveSpan(
        name,
        {
          kind: KINDS[options.kind ?? 'internal'],
          ...(options.attributes ? { attributes: options.attributes } : {}),
        },
        parent,
        async (span) => {
          try {
            return await work();
          } catch (error) {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    },
    carrier() {
      const carrier: TraceCarrier = {};
      propagation.inject(context.active(), carrier);
      return carrier;
    },
    nameActive(name, attributes) {
      const span = trace.getActiveSpan();
      span?.updateName(name);
      if (attributes) span?.setAttributes(attributes);
    },
  };
}

/** The active span's ids, for log correlation; null outside a span. */
export function activeTraceIds(): { traceId: string; spanId: string; sampled: boolean } | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext())
    ? { traceId, spanId, sampled: (traceFlags & 1) === 1 }
    : null;
}
