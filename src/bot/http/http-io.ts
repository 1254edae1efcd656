/** Reading requests and writing responses, with limits, for the bot's routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isKotaeError, KotaeError } from '../../core/errors.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';

/** Slack and Google Chat events are small; 1 MiB leaves room and stops floods. */
export const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new KotaeError('body_too_large', `Request body exceeds ${limit} bytes`, {
        data: { status: 413, limit },
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readBody(request, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (cause) {
    throw new KotaeError('body_not_json', 'Request body is not valid JSON', { cause, data: { status: 400 } });
  }
}

/**
 * What a person reads when a route failed: our own words in their language, never the
 * internal (English) error text. Internal errors say nothing of their cause.
 */
export function httpErrorText(error: unknown, status: number, locale: Locale): string {
  const code = isKotaeError(error) ? error.code : 'internal';
  if (code === 'body_not_json') return t(locale, 'http.bodyNotJson');
  if (code === 'body_too_large') {
    const limit =
      isKotaeError(error) && typeof error.data['limit'] === 'number' ? error.data['limit'] : MAX_BODY_BYTES;
    return t(locale, 'http.bodyTooLarge', { limit: formatBytes(limit, locale) });
  }
  if (status === 404) return t(locale, 'http.notFound');
  if (status === 403) return t(locale, 'http.forbidden');
  return status < 500 ? t(locale, 'http.badRequest') : t(locale, 'http.internal');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  response.end(payload);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}
