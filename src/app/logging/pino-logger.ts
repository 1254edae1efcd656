/**
 * The process logger on pino, in Cloud Logging's structured format: one JSON line per entry
 * with `severity`, `message`, `time`, and inside a trace `logging.googleapis.com/trace`
 * (projects/<project>/traces/<trace id>), `logging.googleapis.com/spanId` and
 * `logging.googleapis.com/trace_sampled`, which link the line to its request and its trace.
 * Every line passes through `redact`, so a token that slips into a message is still masked.
 */
import { pino } from 'pino';
import { logFields, redact, type Logger, type LogLevel } from '../../core/logger.ts';
import { activeTraceIds } from '../telemetry/tracing.ts';
import { prettyLogLine } from './pretty-log-line.ts';

const SEVERITY: Record<string, string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' };

export interface PinoLoggerOptions {
  level: LogLevel;
  /** json for Cloud Logging; pretty for a person at a terminal (`kotae dev`). */
  format: 'json' | 'pretty';
  /** The Google Cloud project whose Cloud Trace holds the traces; without it, the bare trace id is logged. */
  projectId?: string | undefined;
  base?: Record<string, unknown>;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
}

export function traceFields(projectId: string | undefined): Record<string, unknown> {
  const ids = activeTraceIds();
  if (!ids) return {};
  return {
    'logging.googleapis.com/trace': projectId ? `projects/${projectId}/traces/${ids.traceId}` : ids.traceId,
    'logging.googleapis.com/spanId': ids.spanId,
    'logging.googleapis.com/trace_sampled': ids.sampled,
  };
}

export function createPinoLogger(options: PinoLoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const colour = options.format === 'pretty' && !options.write && process.stderr.isTTY === true;
  const destination = {
    write: (line: string) => write(options.format === 'pretty' ? prettyLogLine(line, colour) : line),
  };
  const logger = pino(
    {
      level: options.level,
      messageKey: 'message',
      base: options.base ?? {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ severity: SEVERITY[label] ?? label.toUpperCase() }) },
      mixin: () => traceFields(options.projectId),
      hooks: { streamWrite: redact },
    },
    destination,
  );
  const at =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      logger[level](logFields(fields), message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
