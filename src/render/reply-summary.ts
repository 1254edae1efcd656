/**
 * The one-line plain summary of a reply that notifications and screen readers get
 * (Slack's top-level `text`, Chat's `fallbackText`), and the clipping both use.
 */
import type { Locale } from '../core/locale.ts';
import type { Reply } from '../core/reply.ts';
import { t } from '../core/i18n/translate.ts';
import { blocksToPlain, parseMarkdown } from './markdown.ts';

/** Cuts to `max` characters (code points, so no emoji is split), ending in "…". */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  // max code points span at most 2·max code units, so only that much is split into characters.
  const chars = [...text.slice(0, max * 2)];
  if (chars.length <= max && text.length <= max * 2) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** The first message summarises the answer; later ones say which part they are. */
export function replySummary(
  reply: Reply,
  locale: Locale,
  index: number,
  count: number,
  max: number,
): string {
  if (index > 0) return clipText(t(locale, 'render.message.continued', { index: index + 1, count }), max);
  // A summary needs only the opening of a long answer; parsing all of it would be waste.
  const opening = reply.text.length > max * 8 ? reply.text.slice(0, max * 8) : reply.text;
  const plain = blocksToPlain(parseMarkdown(opening)).replace(/\s+/g, ' ').trim();
  const lead = reply.kind === 'error' ? '⚠️ ' : '';
  return clipText(lead + (plain || t(locale, `render.kind.${reply.kind}`)), max);
}
