/**
 * How Slack's Web API reads requests and writes responses, for the fake server:
 * form-encoded or JSON bodies (complex arguments arrive JSON-encoded inside form fields),
 * tokens in `Authorization: Bearer …` or a `token` field, HTTP 200 with `ok:false` for
 * method errors, and HTTP 429 with `Retry-After` (seconds) when rate limited.
 */
import type { IncomingMessage } from 'node:http';

export type Params = Record<string, unknown>;

/** Fields Slack documents as JSON arrays/objects that clients send encoded in a form field. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'prompts', 'metadata', 'loading_messages']);

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseParams(request: IncomingMessage, raw: Buffer): Promise<Params> {
  const type = String(request.headers['content-type'] ?? '');
  const query = Object.fromEntries(new URL(request.url ?? '/', 'http://fake').searchParams);
  if (raw.length === 0) return query;
  if (type.startsWith('application/json'))
    return { ...query, ...(JSON.parse(raw.toString('utf8')) as Params) };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    const params: Params = { ...query };
    for (const [key, value] of form.entries()) {
      params[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    }
    return params;
  }
  const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  const params: Params = { ...query };
  for (const [key, value] of Object.entries(form))
    params[key] = JSON_FIELDS.has(key) ? decodeJson(value) : value;
  return params;
}

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function bearerToken(request: IncomingMessage, params: Params): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return typeof params.token === 'string' ? params.token : null;
}

export function basicAuth(request: IncomingMessage): { id: string; secret: string } | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const [id, secret] = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':');
  return id && secret ? { id, secret } : null;
}

export { sendJson } from '../http-server.ts';
