/**
 * The output cap: the return value's JSON plus the logs stay within `outputBytes`. An
 * oversized value is an error (the model should summarise); logs are trimmed instead.
 */
import type { SandboxLimits } from './sandbox-limits.ts';

const TRIMMED_MARKER_BYTES = 64;

/** Keeps log lines, in order, while they fit in `budgetBytes` (UTF-8, one newline each). */
export function boundLogs(logs: readonly string[], budgetBytes: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of logs.entries()) {
    const bytes = Buffer.byteLength(line) + 1;
    if (used + bytes > budgetBytes) {
      const marker = `… ${logs.length - index} log lines dropped: output limit`;
      if (used + TRIMMED_MARKER_BYTES <= budgetBytes) kept.push(marker);
      return kept;
    }
    used += bytes;
    kept.push(line);
  }
  return kept;
}

export function outputMessage(valueBytes: number, limits: SandboxLimits): string {
  return (
    `Output limit exceeded: the return value is ${formatSize(valueBytes)} as JSON; the limit is ` +
    `${formatSize(limits.outputBytes)}. Return a summary (aggregates, the top rows) instead of raw rows.`
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
