/**
 * The steps behind an answer, kept with it: one summary line on every platform
 * ("5 steps · 4.2 s" / "5 ステップ · 4.2 秒"), and on the console the steps themselves,
 * collapsed under the answer. Marks are text (✓ ! …), which every font carries.
 */
import { formatDuration, formatNumber } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import type { ReplySteps } from '../core/reply.ts';
import { escapeHtml } from './console-text.ts';

export function stepsSummary(steps: ReplySteps, locale: Locale): string {
  const count = steps.lines.length;
  return t(locale, count === 1 ? 'render.steps.one' : 'render.steps.many', {
    count: formatNumber(count, locale),
    duration: formatDuration(steps.durationMs, locale),
  });
}

const MARK = { done: '✓', failed: '!', running: '…' } as const;

export function stepsHtml(steps: ReplySteps | undefined, locale: Locale): string {
  if (!steps || steps.lines.length === 0) return '';
  const items = steps.lines
    .map(
      (line) =>
        `<li data-state="${line.state}"><span class="kotae-step-mark" aria-hidden="true">${MARK[line.state]}</span>${escapeHtml(line.label)}</li>`,
    )
    .join('');
  return (
    `<details class="kotae-steps-done" data-testid="steps-summary"><summary>${escapeHtml(stepsSummary(steps, locale))}</summary>` +
    `<ol class="kotae-steps">${items}</ol></details>`
  );
}
