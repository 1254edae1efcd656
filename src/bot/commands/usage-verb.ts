/**
 * `/kotae usage [today|7d|30d] [by=channel|user|model]`. Admins see the whole workspace,
 * anyone else their own channel. Answered as a Reply with a table and a chart of bytes per
 * local day stacked by channel, stating the period and the workspace's time zone.
 */
import type { ModelPrice } from '../../config/usage-config.ts';
import type { Clock } from '../../core/clock.ts';
import type { CommandEvent } from '../../core/chat-event.ts';
import { t } from '../../core/i18n/translate.ts';
import { localDayStart } from '../../core/local-day.ts';
import type { Locale } from '../../core/locale.ts';
import type { AdminPolicy } from '../../core/ports/admin-policy.ts';
import type { UploadedFile } from '../../core/ports/chat-platform.ts';
import type { ChartSpec } from '../../core/chart-spec.ts';
import { errorReply } from '../../core/reply.ts';
import { NO_MODEL, type UsageGrouping, type UsageStore } from '../../store/usage-store.ts';
import type { WorkspaceRecord } from '../../store/workspace-store.ts';
import type { VerbHandler } from './command-router.ts';
import { buildUsageReply, type UsagePeriod } from './usage-reply.ts';

export interface UsageVerbDeps {
  workspaceFor(command: CommandEvent): Promise<WorkspaceRecord>;
  usage: UsageStore;
  adminPolicy: AdminPolicy;
  clock: Clock;
  usdPerTiB: number;
  modelPrices: Record<string, ModelPrice>;
  /** The model a task without a recorded one ran on (the configured default). */
  defaultModel?: string;
  /** ChartSpec → PNG; absent means the reply carries no image (its table still does). */
  renderChart?: (spec: ChartSpec, options: { locale: Locale; timeZone: string }) => Promise<Uint8Array>;
  /** Keeps the PNG where platforms can fetch it (a signed, expiring URL); absent: not published. */
  publishChart?: (png: Uint8Array) => Promise<UploadedFile>;
  /** Alternative text for the chart. */
  chartAltText?: (spec: ChartSpec, locale: Locale, timeZone: string) => string;
}

const PERIOD_DAYS: Record<UsagePeriod, number> = { today: 1, '7d': 7, '30d': 30 };
const GROUPINGS: readonly UsageGrouping[] = ['channel', 'user', 'model'];

export type UsageArgs = { ok: true; period: UsagePeriod; by: UsageGrouping } | { ok: false; value: string };

export function parseUsageArgs(args: string): UsageArgs {
  let period: UsagePeriod = '7d';
  let by: UsageGrouping = 'channel';
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if (lower in PERIOD_DAYS) period = lower as UsagePeriod;
    else if (lower.startsWith('by=') && GROUPINGS.includes(lower.slice(3) as UsageGrouping)) {
      by = lower.slice(3) as UsageGrouping;
    } else return { ok: false, value: word };
  }
  return { ok: true, period, by };
}

export function createUsageVerb(deps: UsageVerbDeps): VerbHandler {
  return async (command, args, locale) => {
    const parsed = parseUsageArgs(args);
    if (!parsed.ok) {
      const problem = t(locale, 'usage.badWord', { value: parsed.value });
      return { reply: errorReply(locale, t(locale, 'usage.usage', { problem })), ephemeral: true };
    }
    const workspace = await deps.workspaceFor(command);
    const isAdmin = await deps.adminPolicy.isAdmin({
      platform: command.thread.platform,
      workspaceId: command.thread.workspaceId,
      userId: command.userId,
      // On Google Chat (and the console behind IAP) admins are known by email.
      ...(command.userEmail ? { email: command.userEmail } : {}),
    });
    const to = deps.clock.now();
    const from = localDayStart(to, workspace.timeZone, PERIOD_DAYS[parsed.period] - 1);
    const figures = await deps.usage.figures({
      workspaceId: workspace.id,
      ...(isAdmin ? {} : { channelId: command.thread.channelId }),
      from,
      to,
      by: parsed.by,
      timeZone: workspace.timeZone,
    });
    if (deps.defaultModel) {
      for (const group of figures.groups) {
        if (parsed.by === 'model' && group.key === NO_MODEL) group.key = deps.defaultModel;
        for (const tokens of group.tokens) if (tokens.model === NO_MODEL) tokens.model = deps.defaultModel;
      }
    }
    const { reply, chart } = buildUsageReply({
      figures,
      locale,
      period: parsed.period,
      by: parsed.by,
      scope: isAdmin ? 'workspace' : 'channel',
      from,
      to,
      timeZone: workspace.timeZone,
      usdPerTiB: deps.usdPerTiB,
      modelPrices: deps.modelPrices,
    });
    let published: UploadedFile | undefined;
    if (chart && deps.renderChart) {
      const png = await deps.renderChart(chart, { locale, timeZone: workspace.timeZone });
      reply.chart = {
        spec: chart,
        png,
        altText: deps.chartAltText?.(chart, locale, workspace.timeZone) ?? chart.title,
      };
      published = await deps.publishChart?.(png);
    }
    return { reply, ephemeral: true, ...(published ? { chart: published } : {}) };
  };
}
