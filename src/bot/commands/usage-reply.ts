/**
 * Usage figures → the `/kotae usage` Reply: a line per KPI breach, totals with estimated
 * cost, a table per group and a chart spec of bytes per day stacked by channel. Pure, so
 * the figures and the flags can be checked without a chat platform.
 */
import type { ModelPrice } from '../../config/usage-config.ts';
import type { ChartSpec } from '../../core/chart-spec.ts';
import { formatBytes, formatDate, formatNumber } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { CellValue, Reply } from '../../core/reply.ts';
import type { UsageFigures, UsageGroup, UsageGrouping } from '../../store/usage-store.ts';

export type UsagePeriod = 'today' | '7d' | '30d';

export interface UsageReplyInput {
  figures: UsageFigures;
  locale: Locale;
  period: UsagePeriod;
  by: UsageGrouping;
  scope: 'workspace' | 'channel';
  from: Date;
  to: Date;
  timeZone: string;
  usdPerTiB: number;
  /** USD per million tokens, by model name or "provider/model". */
  modelPrices: Record<string, ModelPrice>;
}

/** The KPI thresholds of the seeds: p95 over 5 s warns, an error rate over 5 % is critical. */
export const P95_WARNING_MS = 5_000;
export const ERROR_RATE_CRITICAL = 0.05;

const TIB = 1024 ** 4;

export function priceOf(model: string, prices: Record<string, ModelPrice>): ModelPrice | undefined {
  return prices[model] ?? prices[model.slice(model.lastIndexOf('/') + 1)];
}

export function bytesCost(bytes: bigint, usdPerTiB: number): number {
  return (Number(bytes) / TIB) * usdPerTiB;
}

export function tokensCost(
  group: UsageGroup,
  prices: Record<string, ModelPrice>,
  unpriced: Set<string>,
): number {
  let usd = 0;
  for (const { model, input, output } of group.tokens) {
    const price = priceOf(model, prices);
    if (!price) {
      if (input + output > 0) unpriced.add(model);
      continue;
    }
    usd += (input * price.input + output * price.output) / 1_000_000;
  }
  return usd;
}

export function errorRate(group: UsageGroup): number {
  const finished = group.answered + group.failed;
  return finished === 0 ? 0 : group.failed / finished;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const seconds = (ms: number | null): CellValue => (ms === null ? null : round(ms / 1000, 1));

export function usageChartSpec(figures: UsageFigures, locale: Locale): ChartSpec {
  return {
    type: 'stacked_bar',
    title: t(locale, 'usage.chart.title'),
    x: 'day',
    y: ['GiB'],
    series: 'channel',
    data: figures.daily.map((row) => ({
      day: row.day,
      channel: row.channelId,
      GiB: round(Number(row.bytes) / 1024 ** 3, 3),
    })),
    xLabel: t(locale, 'usage.chart.day'),
    yLabel: 'GiB',
  };
}

export function buildUsageReply(input: UsageReplyInput): { reply: Reply; chart: ChartSpec | null } {
  const { figures, locale } = input;
  const unpriced = new Set<string>();
  const lines = [
    t(locale, input.scope === 'workspace' ? 'usage.title.workspace' : 'usage.title.channel', {
      period: t(locale, `usage.period.${input.period}`),
      from: formatDate(input.from, locale, input.timeZone),
      to: formatDate(new Date(input.to.getTime() - 1), locale, input.timeZone),
      timeZone: input.timeZone,
    }),
  ];
  const rows: CellValue[][] = [];
  const total = { asked: 0, answered: 0, failed: 0, bytes: 0n, tokens: 0, bytesUsd: 0, tokensUsd: 0 };
  const flags: string[] = [];
  for (const group of figures.groups) {
    const groupBytesUsd = bytesCost(group.bytes, input.usdPerTiB);
    const groupTokensUsd = tokensCost(group, input.modelPrices, unpriced);
    const tokens = group.tokens.reduce((sum, m) => sum + m.input + m.output, 0);
    total.asked += group.asked;
    total.answered += group.answered;
    total.failed += group.failed;
    total.bytes += group.bytes;
    total.tokens += tokens;
    total.bytesUsd += groupBytesUsd;
    total.tokensUsd += groupTokensUsd;
    if (group.p95Ms !== null && group.p95Ms > P95_WARNING_MS) {
      flags.push(
        t(locale, 'usage.flag.slow', { group: group.key, p95: formatNumber(group.p95Ms / 1000, locale, 1) }),
      );
    }
    if (errorRate(group) > ERROR_RATE_CRITICAL) {
      flags.push(
        t(locale, 'usage.flag.errors', {
          group: group.key,
          rate: formatNumber(errorRate(group) * 100, locale, 1),
        }),
      );
    }
    const votes = group.up + group.down;
    rows.push([
      group.key,
      group.asked,
      group.answered,
      group.failed,
      seconds(group.p50Ms),
      seconds(group.p95Ms),
      formatBytes(Number(group.bytes), locale),
      round(groupBytesUsd, 2),
      tokens,
      round(groupTokensUsd, 2),
      votes === 0 ? '-' : `${group.up}/${group.down} (${Math.round((group.up / votes) * 100)}%)`,
    ]);
  }
  if (figures.groups.length === 0) lines.push(t(locale, 'usage.none'));
  else {
    lines.push(
      t(locale, 'usage.totals', {
        asked: total.asked,
        answered: total.answered,
        failed: total.failed,
        bytes: formatBytes(Number(total.bytes), locale),
        bytesCost: formatNumber(total.bytesUsd, locale, 2),
        usdPerTiB: formatNumber(input.usdPerTiB, locale, 2),
        tokens: formatNumber(total.tokens, locale, 0),
        tokensCost: formatNumber(total.tokensUsd, locale, 2),
      }),
    );
  }
  lines.push(...flags);
  if (unpriced.size > 0) lines.push(t(locale, 'usage.unpriced', { models: [...unpriced].join(', ') }));
  const column = (key: Parameters<typeof t>[1], type: string) => ({ name: t(locale, key), type });
  const reply: Reply = {
    kind: 'info',
    locale,
    text: lines.join('\n'),
    ...(rows.length > 0
      ? {
          table: {
            columns: [
              column(`usage.col.${input.by}`, 'STRING'),
              column('usage.col.asked', 'INT64'),
              column('usage.col.answered', 'INT64'),
              column('usage.col.failed', 'INT64'),
              column('usage.col.p50', 'FLOAT64'),
              column('usage.col.p95', 'FLOAT64'),
              column('usage.col.bytes', 'STRING'),
              column('usage.col.bytesCost', 'FLOAT64'),
              column('usage.col.tokens', 'INT64'),
              column('usage.col.tokensCost', 'FLOAT64'),
              column('usage.col.feedback', 'STRING'),
            ],
            rows,
            totalRows: rows.length,
            truncated: false,
          },
        }
      : {}),
  };
  return { reply, chart: figures.daily.length > 0 ? usageChartSpec(figures, locale) : null };
}
