/**
 * The language a person reading this response wants: `?locale=` when the page says so,
 * then the browser's Accept-Language (by its q weights), then the configured default.
 */
import type { IncomingMessage } from 'node:http';
import { isLocale, type Locale } from '../../core/locale.ts';

export function requestLocale(request: IncomingMessage, fallback: Locale): Locale {
  const asked = new URL(request.url ?? '/', 'http://localhost').searchParams.get('locale');
  if (isLocale(asked)) return asked;
  return acceptedLocale(request.headers['accept-language']) ?? fallback;
}

/** "en-US,en;q=0.9,ja;q=0.8" → 'en'; null when neither language is listed. */
export function acceptedLocale(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.language as Locale | undefined) ?? null;
}
