/**
 * Number, size, duration and date formats per locale. Japanese readers count large
 * numbers in 万 (10^4) and 億 (10^8), not thousands and millions.
 */
import { byLocale, intlTag, type Locale } from '../locale.ts';

export function intlLocale(locale: Locale): string {
  return intlTag(locale);
}

// Building an Intl.NumberFormat costs ~100 µs; a 20-row table formats dozens of numbers.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2): string {
  const key = `${locale}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

const currencyFormats = new Map<string, Intl.NumberFormat | null>();

/** Money in the reader's locale: ¥126,700 / $1,234.50. An unknown currency code shows the plain number. */
export function formatCurrency(value: number, currency: string, locale: Locale): string {
  const key = `${locale}:${currency}`;
  let format = currencyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency });
    } catch {
      format = null;
    }
    currencyFormats.set(key, format);
  }
  return format ? format.format(value) : formatNumber(value, locale);
}

/** A short form for axes and summaries: 1.2万 / 3.4億 in Japanese, 12K / 340M in English. */
export function formatCompactNumber(value: number, locale: Locale): string {
  const abs = Math.abs(value);
  // Japanese counts in 万 (10⁴), 億 (10⁸) and 兆 (10¹²); English in thousands (Intl's compact).
  const units = byLocale<Array<[number, string]> | null>(locale, {
    ja: [
      [1e12, '兆'],
      [1e8, '億'],
      [1e4, '万'],
    ],
    en: null,
  });
  if (units) {
    for (const [size, unit] of units) {
      if (abs >= size) return `${trimFraction(value / size)}${unit}`;
    }
    return formatNumber(value, locale);
  }
  return new Intl.NumberFormat(intlTag(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(
    value,
  );
}

function trimFraction(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  return Number(value.toFixed(digits)).toLocaleString('ja-JP', { maximumFractionDigits: digits });
}

/** Bytes in binary units, as BigQuery bills them: "1.2 GB" means 1.2 GiB here. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${formatNumber(Number(value.toFixed(digits)), locale, digits)} ${units[unit]}`;
}

export function formatDuration(ms: number, locale: Locale): string {
  if (ms < 1000) return byLocale(locale, { ja: `${Math.round(ms)} ミリ秒`, en: `${Math.round(ms)} ms` });
  const seconds = ms / 1000;
  if (seconds < 60)
    return byLocale(locale, { ja: `${seconds.toFixed(1)} 秒`, en: `${seconds.toFixed(1)} s` });
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return byLocale(locale, { ja: `${minutes} 分 ${rest} 秒`, en: `${minutes} min ${rest} s` });
}

/** `timeZone` is the reader's: the task's, workspace's or subscription's (an IANA name). */
export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone }).format(date);
}

export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}
