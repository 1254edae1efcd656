/**
 * The logger the Slack app writes to, and an adapter that hands it to Bolt and the
 * Slack SDKs (which expect @slack/logger's Logger). Nothing here ever logs a token: the
 * SDKs redact `token`/`Authorization` in their debug output, and our own messages never
 * include one.
 */
import { LogLevel, type Logger as SlackSdkLogger } from '@slack/logger';

export interface Logger {
  debug(message: string, ...data: unknown[]): void;
  info(message: string, ...data: unknown[]): void;
  warn(message: string, ...data: unknown[]): void;
  error(message: string, ...data: unknown[]): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function toSdkLogger(logger: Logger, level: LogLevel = LogLevel.INFO): SlackSdkLogger {
  let current = level;
  let name = 'slack';
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const enabled = (wanted: LogLevel) => order.indexOf(wanted) >= order.indexOf(current);
  const write = (wanted: LogLevel, parts: unknown[]) => {
    if (!enabled(wanted)) return;
    const [first, ...rest] = parts;
    logger[wanted](`[${name}] ${typeof first === 'string' ? first : String(first)}`, ...rest);
  };
  return {
    debug: (...parts: unknown[]) => write(LogLevel.DEBUG, parts),
    info: (...parts: unknown[]) => write(LogLevel.INFO, parts),
    warn: (...parts: unknown[]) => write(LogLevel.WARN, parts),
    error: (...parts: unknown[]) => write(LogLevel.ERROR, parts),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next: string) => {
      name = next;
    },
  };
}

export { LogLevel };
