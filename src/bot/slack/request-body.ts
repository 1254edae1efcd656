/**
 * Reading and parsing what Slack POSTs to the request URL:
 * - Events API: JSON;
 * - slash commands: form-encoded fields;
 * - interactivity: form-encoded, with the JSON in a `payload` field.
 */
import type { IncomingMessage } from 'node:http';

/** Parses a verified body; null when it is neither JSON nor a form Slack would send. */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> | null {
  const text = raw.toString('utf8');
  try {
    if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(text));
      if (typeof form.payload === 'string') return asObject(JSON.parse(form.payload));
      return form;
    }
    return asObject(JSON.parse(text));
  } catch {
    return null;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function headerNumber(request: IncomingMessage, name: string): number | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const number = Number.parseInt(text, 10);
  return Number.isNaN(number) ? undefined : number;
}

export function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
