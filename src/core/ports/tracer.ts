/**
 * The tracing port: spans around work, and the trace context as W3C headers so a trace can
 * cross a queue (Pub/Sub attributes, the task row). Only src/app/telemetry/ knows
 * OpenTelemetry; without it, `noTracer` runs the work and records nothing.
 */
export type TraceCarrier = Record<string, string>;
export type SpanAttributes = Record<string, string | number | boolean>;

export interface SpanOptions {
  attributes?: SpanAttributes;
  /** Continue this trace (e.g. the one that enqueued the task) instead of the active one. */
  parent?: TraceCarrier | null;
  kind?: 'internal' | 'consumer' | 'producer' | 'client';
}

export interface Tracer {
  /** Runs `work` inside a new span, child of `parent` or of the active span; errors mark it failed. */
  span<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T>;
  /** The active trace context as W3C headers (`traceparent`, `tracestate`); empty outside a trace. */
  carrier(): TraceCarrier;
  /** Renames the active span, e.g. the HTTP server span once the route is known. */
  nameActive(name: string, attributes?: SpanAttributes): void;
}

export const noTracer: Tracer = {
  span: (_name, _options, work) => work(),
  carrier: () => ({}),
  nameActive() {},
};
