/**
 * The Reply a digest run posts: title (marked late when it is), the slot's date in the
 * schedule's zone, the headline and its change, the table, the chart, the SQL button and a
 * footer naming the schedule and zone. Built from data only: the same rows give the same post.
 */
import { t } from '../core/i18n/translate.ts';
import { byLocale, intlTag, type Locale } from '../core/locale.ts';
import type { Reply, ReplyChart, ResultTable } from '../core/reply.ts';
import type { HeadlineChange, Headline } from './digest-headline.ts';

export interface DigestPostInput {
  locale: Locale;
  subscription: { id: string; name: string; schedule: string; timeZone: string };
  slot: Date;
  late: boolean;
  taskId: string;
  sql: string;
  table?: ResultTable;
  headline?: Headline | null;
  change?: HeadlineChange | null;
  chart?: ReplyChart;
  bytesProcessed?: number;
}

/** The slot's calendar date in the schedule's zone, e.g. 2026/3/6 (ja) or Mar 6, 2026 (en). */
export function slotDate(slot: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), {
    timeZone,
    year: 'numeric',
    month: byLocale(locale, { ja: 'numeric', en: 'short' }),
    day: 'numeric',
    weekday: 'short',
  }).format(slot);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 2 }).format(value);
}

function changeLine(change: HeadlineChange | null | undefined, locale: Locale): string {
  if (!change) return t(locale, 'digest.post.change.first');
  if (change.direction === 'flat') return t(locale, 'digest.post.change.flat');
  const sign = change.absolute > 0 ? '+' : '−';
  const absolute = `${sign}${formatNumber(Math.abs(change.absolute), locale)}`;
  const percent = change.percent === null ? '—' : `${sign}${formatNumber(Math.abs(change.percent), locale)}%`;
  return t(locale, change.direction === 'up' ? 'digest.post.change.up' : 'digest.post.change.down', {
    absolute,
    percent,
  });
}

export function digestFooter(input: Pick<DigestPostInput, 'locale' | 'subscription'>): string {
  const { subscription } = input;
  return t(input.locale, 'digest.post.footer', {
    id: subscription.id.slice(0, 8),
    schedule: subscription.schedule,
    zone: subscription.timeZone,
  });
}

export function buildDigestPost(input: DigestPostInput): Reply {
  const { locale, subscription } = input;
  const date = slotDate(input.slot, subscription.timeZone, locale);
  const title = `**${subscription.name}**${input.late ? ` ${t(locale, 'digest.post.late')}` : ''}`;
  const lines = [title, t(locale, 'digest.post.date', { date })];
  if (!input.table) {
    lines.push('', t(locale, 'digest.post.noData', { date }));
  } else if (input.headline) {
    lines.push(
      '',
      `**${input.headline.label}: ${formatNumber(input.headline.value, locale)}**`,
      changeLine(input.change, locale),
    );
  }
  lines.push('', `_${digestFooter(input)}_`);
  return {
    kind: 'answer',
    locale,
    text: lines.join('\n'),
    ...(input.table ? { table: input.table } : {}),
    ...(input.chart ? { chart: input.chart } : {}),
    provenance: {
      sql: [input.sql],
      bytesProcessed: input.bytesProcessed ?? 0,
      rows: input.table?.totalRows ?? 0,
      durationMs: 0,
    },
    actions: [{ kind: 'show_sql', taskId: input.taskId }],
  };
}
