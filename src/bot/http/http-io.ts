/** Reading requests and writing responses, with limits, for the bot's routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isKotaeError, KotaeError } from '../../core/errors.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';

/** Slack and Google Chat events are small; 1 MiB leaves room and stops floods. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): KotaeError {
  return new KotaeError('body_too_large', `Request body exceeds ${limit} bytes`, {
    data: { status: 413, limit },
  });
}

/**
 * The body, up to `limit` bytes. Over the limit it stops reading, without destroying the
 * socket (so the error answer still reaches the client); answer with closeUnlessRead().
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      request.pause();
      reject(tooLarge(limit));
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    const onClose = (): void => {
      done();
      reject(new KotaeError('body_aborted', 'The client went away mid-body', { data: { status: 400 } }));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

/**
 * Answering before the body was read to its end: say `Connection: close`, so a keep-alive
 * client opens a new connection for its next request instead of reusing this one (which
 * still holds the unread rest of the body, and which the server closes after the answer).
 */
export function closeUnlessRead(request: IncomingMessage, response: ServerResponse): void {
  if (!request.complete && !response.headersSent) response.setHeader('connection', 'close');
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
