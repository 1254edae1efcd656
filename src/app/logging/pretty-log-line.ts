/**
 * `kotae dev` prints log lines for a person, not for Cloud Logging: time, severity, message,
 * then the fields as key=value. Input is the JSON line the production logger writes, so
 * both show the same facts (and the same redaction).
 */
const COLOURS: Record<string, string> = {
  DEBUG: '\x1b[90m',
  INFO: '\x1b[36m',
  WARNING: '\x1b[33m',
  ERROR: '\x1b[31m',
};
const HIDDEN = new Set(['time', 'severity', 'message', 'command']);

function show(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

export function prettyLogLine(line: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const severity = String(entry['severity'] ?? 'INFO');
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key) && !key.startsWith('logging.googleapis.com/'))
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(' ');
  const label = severity.padEnd(7);
  const shown = colour ? `${COLOURS[severity] ?? ''}${label}\x1b[0m` : label;
  return `${time} ${shown} ${String(entry['message'] ?? '')}${fields ? `  ${fields}` : ''}\n`;
}
