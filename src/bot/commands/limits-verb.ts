/**
 * `/kotae limits [workspace] [bytes-per-day=<size>] [questions-per-hour=<n>]`. Without
 * arguments anyone sees the channel's limits and today's use; setting needs an admin (the
 * injected AdminPolicy). Arguments are parsed whole first, so bad input saves nothing.
 * bytes-per-day sets this channel's budget, or with `workspace` the workspace default;
 * questions-per-hour is per person, for the whole workspace.
 */
import type { Clock } from '../../core/clock.ts';
import type { CommandEvent } from '../../core/chat-event.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import { t } from '../../core/i18n/translate.ts';
import { localDay } from '../../core/local-day.ts';
import type { Locale } from '../../core/locale.ts';
import type { AdminPolicy } from '../../core/ports/admin-policy.ts';
import { errorReply, infoReply } from '../../core/reply.ts';
import type { LimitsStore } from '../../store/limits-store.ts';
import type { WorkspaceRecord } from '../../store/workspace-store.ts';
import type { VerbHandler } from './command-router.ts';
import { parseLimitsArgs } from './limits-args.ts';

export interface LimitsVerbDeps {
  /** The workspace record for the command's platform workspace (created on first sight). */
  workspaceFor(command: CommandEvent): Promise<WorkspaceRecord>;
  limits: LimitsStore;
  adminPolicy: AdminPolicy;
  clock: Clock;
  /** USER_TASKS_PER_HOUR, the fallback when the workspace sets none. */
  userTasksPerHour: number;
  /** KOTAE_MAX_BYTES_PER_DAY: no budget may be set above it. */
  maxBytesPerDay: bigint;
}

const WORKSPACE_WORDS = new Set(['workspace', 'default', 'ワークスペース']);

export function createLimitsVerb(deps: LimitsVerbDeps): VerbHandler {
  async function summary(command: CommandEvent, workspace: WorkspaceRecord, locale: Locale): Promise<string> {
    const { channelId } = command.thread;
    const { day } = localDay(deps.clock.now(), workspace.timeZone);
    const since = new Date(deps.clock.now().getTime() - 3_600_000);
    const [limits, used, asked] = await Promise.all([
      deps.limits.forChannel(workspace.id, channelId),
      deps.limits.bytesToday(workspace.id, channelId, day),
      deps.limits.questionsSince(workspace.id, command.userId, since),
    ]);
    const size = (bytes: bigint): string => formatBytes(Number(bytes), locale);
    const budget =
      limits.bytesPerDay === null
        ? t(
            locale,
            limits.bytesPerDaySource === 'channel' ? 'limits.budget.channelOff' : 'limits.budget.none',
          )
        : t(locale, `limits.budget.${limits.bytesPerDaySource}`, { size: size(limits.bytesPerDay) });
    const perHour =
      limits.questionsPerHour === null
        ? t(locale, 'limits.perHour.global', { limit: deps.userTasksPerHour })
        : t(locale, 'limits.perHour.workspace', { limit: limits.questionsPerHour });
    return t(locale, 'limits.show', {
      timeZone: workspace.timeZone,
      day,
      budget,
      channelUsed: size(used.channel),
      workspaceUsed: size(used.workspace),
      perHour,
      asked,
    });
  }

  return async (command, args, locale) => {
    const workspace = await deps.workspaceFor(command);
    const words = args.split(/\s+/).filter(Boolean);
    if (words.length === 0)
      return { reply: infoReply(locale, await summary(command, workspace, locale)), ephemeral: true };

    const forWorkspace = words.some((word) => WORKSPACE_WORDS.has(word.toLowerCase()));
    const settings = words.filter((word) => !WORKSPACE_WORDS.has(word.toLowerCase()));
    const usage = (problem: string) => ({
      reply: errorReply(locale, t(locale, 'limits.usage', { problem })),
      ephemeral: true,
    });
    const parsed = parseLimitsArgs(settings, deps.maxBytesPerDay);
    if (!parsed.ok) {
      const params =
        parsed.problem === 'limits.overCap'
          ? { ...parsed.params, cap: formatBytes(Number(deps.maxBytesPerDay), locale) }
          : parsed.params;
      return usage(t(locale, parsed.problem, params));
    }
    if (settings.length === 0 || (forWorkspace && parsed.changes.bytesPerDay === undefined)) {
      return usage(t(locale, 'limits.workspaceQuestions'));
    }

    const person = {
      platform: command.thread.platform,
      workspaceId: command.thread.workspaceId,
      userId: command.userId,
      // On Google Chat (and the console behind IAP) admins are known by email.
      ...(command.userEmail ? { email: command.userEmail } : {}),
    };
    if (!(await deps.adminPolicy.isAdmin(person))) {
      const admins = await deps.adminPolicy.adminNames({
        platform: command.thread.platform,
        workspaceId: command.thread.workspaceId,
      });
      const names = admins.length > 0 ? admins.join(', ') : t(locale, 'budget.noAdmins');
      return { reply: errorReply(locale, t(locale, 'limits.adminOnly', { admins: names })), ephemeral: true };
    }

    await deps.limits.update({
      workspaceId: workspace.id,
      ...(forWorkspace ? {} : { channelId: command.thread.channelId }),
      ...parsed.changes,
      updatedBy: command.userId,
    });
    const text = t(locale, 'limits.saved', { summary: await summary(command, workspace, locale) });
    return { reply: infoReply(locale, text), ephemeral: true };
  };
}
