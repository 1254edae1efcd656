/**
 * The step lines of a status ("working…") message. The worker writes one line per step
 * with `stepLine`; the converters show the latest lines that fit one message, since a
 * status message is edited in place and can never be split.
 */
import type { Locale } from '../core/locale.ts';
import { formatNumber } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';

export type StepState = 'running' | 'done' | 'failed' | 'skipped';

/** "⏳ テーブルを検索しています" — the state as a mark a reader sees at a glance. */
export function stepLine(locale: Locale, state: StepState, text: string): string {
  return t(locale, `render.step.${state}`, { text });
}

/** The newest steps whose lines fit `limit` (as `measure` counts), oldest first. */
export function statusLines(
  steps: string[],
  locale: Locale,
  measure: (text: string) => number,
  limit: number,
): string[] {
  const kept: string[] = [];
  let size = 0;
  const noteBudget = 80;
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const line = steps[i]!.replace(/\s*\n\s*/g, ' ');
    const lineSize = measure(line) + 1;
    if (size + lineSize > limit - noteBudget) break;
    kept.unshift(line);
    size += lineSize;
  }
  const dropped = steps.length - kept.length;
  if (dropped > 0)
    kept.unshift(t(locale, 'render.status.earlierSteps', { count: formatNumber(dropped, locale) }));
  return kept;
}
