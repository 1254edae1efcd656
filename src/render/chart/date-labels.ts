/**
 * Date labels for the x axis, per locale, as precise as the data: 2026年1月 / Jan 2026 for
 * months, 1月5日 / Jan 5 for days (with the year when the data spans years), and times in the
 * workspace's time zone. Calendar dates are formatted in UTC so they never shift a day.
 */
import { intlLocale } from '../../core/i18n/format.ts';
import { byLocale, type Locale } from '../../core/locale.ts';
import type { ChartDate } from './chart-values.ts';

const DAY_MS = 86_400_000;

export function dateLabelFormatter(
  dates: ChartDate[],
  locale: Locale,
  timeZone: string,
): (date: ChartDate) => string {
  // Timestamps that all fall on UTC midnight are dates that travelled as TIMESTAMP.
  const allMidnight = dates.every((date) => date.time % DAY_MS === 0);
  const precision =
    dates.some((date) => date.precision === 'time') && !allMidnight
      ? 'time'
      : dates.some((date) => date.precision !== 'month')
        ? 'day'
        : 'month';
  const years = new Set(dates.map((date) => new Date(date.time).getUTCFullYear()));
  const withYear = years.size > 1;
  const options: Intl.DateTimeFormatOptions =
    precision === 'month'
      ? { year: 'numeric', month: byLocale(locale, { ja: 'long', en: 'short' }), timeZone: 'UTC' }
      : precision === 'day'
        ? withYear
          ? {
              year: 'numeric',
              month: byLocale(locale, { ja: 'numeric', en: 'short' }),
              day: 'numeric',
              timeZone: 'UTC',
            }
          : { month: byLocale(locale, { ja: 'long', en: 'short' }), day: 'numeric', timeZone: 'UTC' }
        : {
            month: 'numeric',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone,
          };
  const format = new Intl.DateTimeFormat(intlLocale(locale), options);
  return (date) => format.format(new Date(date.time));
}
