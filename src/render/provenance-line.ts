/**
 * The small print under an answer: how much data was scanned, how many rows came back,
 * how long it took, how many queries ran and which model wrote it. Each converter styles
 * the parts its own way (Slack context elements, a grey Chat paragraph, a console footer).
 */
import type { Locale } from '../core/locale.ts';
import type { Provenance } from '../core/reply.ts';
import { formatBytes, formatDuration, formatNumber } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';

export function provenanceParts(provenance: Provenance, locale: Locale): string[] {
  const parts = [
    t(locale, 'render.provenance.bytes', { value: formatBytes(provenance.bytesProcessed, locale) }),
    t(locale, provenance.rows === 1 ? 'render.provenance.row' : 'render.provenance.rows', {
      value: formatNumber(provenance.rows, locale),
    }),
    t(locale, 'render.provenance.duration', { value: formatDuration(provenance.durationMs, locale) }),
  ];
  if (provenance.sql.length > 1) {
    parts.push(
      t(locale, 'render.provenance.queries', { value: formatNumber(provenance.sql.length, locale) }),
    );
  }
  if (provenance.model) parts.push(t(locale, 'render.provenance.model', { value: provenance.model }));
  return parts;
}

/** The parts on one line, for platforms without a row of small elements. */
export function provenanceLine(provenance: Provenance, locale: Locale): string {
  return provenanceParts(provenance, locale).join(' · ');
}
