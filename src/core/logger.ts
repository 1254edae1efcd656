/**
 * The logger port: structured, leveled, one JSON line per entry in production.
 * Secrets never reach it: callers pass ids, never tokens, and `redact` masks what looks
 * like a credential anyway.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Token shapes of Slack (xox…), OpenAI (sk-…), Google API keys (AIza…) and bearer headers. */
const SECRET_PATTERN =
  /\b(xox[abposr]-[\w-]+|xapp-[\w-]+|sk-[\w-]{8,}|AIza[\w-]{20,}|Bearer\s+[\w.~+/-]+=*)/g;

export function redact(text: string): string {
  return text.replace(SECRET_PATTERN, (match) => `${match.slice(0, 4)}…[redacted]`);
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redact(value.message), ...(code === undefined ? {} : { code }) };
  }
  return value;
}

/** Fields ready for a JSON log line: errors become { name, message (redacted), code }. */
export function logFields(fields: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
  return entry;
}

export function createLogger(options: {
  level: LogLevel;
  write?: (line: string) => void;
  base?: Record<string, unknown>;
}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const threshold = ORDER[options.level];
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[level] < threshold) return;
      const entry: Record<string, unknown> = {
        time: new Date().toISOString(),
        level,
        msg: message,
        ...options.base,
      };
      for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
      write(redact(JSON.stringify(entry)));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
