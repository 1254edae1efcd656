/**
 * Hands Kotae's logger to Bolt and the Slack SDKs, which expect @slack/logger's Logger
 * (variadic arguments, settable level and name). Nothing here ever logs a token: the SDKs
 * redact `token`/`Authorization` in their debug output, our own messages never include
 * one, and the core logger masks anything token-shaped as a last line of defence.
 */
import { LogLevel, type Logger as SlackSdkLogger } from '@slack/logger';
import type { Logger } from '../../core/logger.ts';

export type { Logger };
export { silentLogger } from '../../core/logger.ts';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function toSdkLogger(logger: Logger, level: LogLevel = LogLevel.INFO): SlackSdkLogger {
  let current = level;
  let name = 'slack';
  const write = (wanted: LogLevel, parts: unknown[]) => {
    if (ORDER.indexOf(wanted) < ORDER.indexOf(current)) return;
    const text = parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
    const error = parts.find((part): part is Error => part instanceof Error);
    logger[wanted](`[${name}] ${text}`, error ? { error } : {});
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
