/**
 * `/kotae digest list|pause <id>|resume <id>|remove <id>|run <id>`: a channel's digests
 * (`add` lives in digest-add.ts).
 * Anyone in the channel may list and run them; the owner or an admin (asked of the
 * AdminPolicy port) may pause, resume or remove one. `run` answers with what really
 * happened: posted, skipped, or failed with the reason.
 */
import { randomUUID } from 'node:crypto';
import type { CommandEvent } from '../../core/chat-event.ts';
import type { Clock } from '../../core/clock.ts';
import { t } from '../../core/i18n/translate.ts';
import { intlTag, type Locale } from '../../core/locale.ts';
import type { AdminPolicy } from '../../core/ports/admin-policy.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import { errorReply, infoReply } from '../../core/reply.ts';
import { nextSlot, parseDigestSchedule } from '../../digests/digest-schedule.ts';
import type { RunNowOutcome } from '../../digests/digest-run-now.ts';
import type { DigestRunRecord, DigestRunStore } from '../../store/digest-run-store.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../../store/subscription-store.ts';
import type { VerbHandler } from './command-router.ts';

export interface DigestVerbDeps {
  subscriptions: SubscriptionStore;
  runs: Pick<DigestRunStore, 'latest'>;
  /** Our Workspace.id for a platform workspace, or null when Kotae has never seen it. */
  workspaceIdFor(command: CommandEvent): Promise<string | null>;
  admins: AdminPolicy;
  runNow(subscription: SubscriptionRecord, requestId: string): Promise<RunNowOutcome>;
  clock: Clock;
  /** `digest add "<question>" <schedule> [tz=…]`, when questions can be asked here. */
  add?: VerbHandler;
}

function when(date: Date, zone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), {
    timeZone: zone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

function nextRun(subscription: SubscriptionRecord, now: Date, locale: Locale): string {
  if (!subscription.enabled) return '—';
  try {
    const slot = nextSlot(parseDigestSchedule(subscription.schedule), subscription.timeZone, now);
    return when(slot, subscription.timeZone, locale);
  } catch {
    return '?';
  }
}

function lastResult(run: DigestRunRecord | undefined, zone: string, locale: Locale): string {
  if (!run) return t(locale, 'digest.command.never');
  const date = when(run.scheduledFor, zone, locale);
  return t(locale, `digest.command.last.${run.status}`, { date, error: run.error ?? '' });
}

export function createDigestVerbs(deps: DigestVerbDeps): Record<string, VerbHandler> {
  const info = (locale: Locale, text: string): CommandResult => ({
    reply: infoReply(locale, text),
    ephemeral: true,
  });
  const error = (locale: Locale, text: string): CommandResult => ({
    reply: errorReply(locale, text),
    ephemeral: true,
  });

  async function channelDigests(command: CommandEvent): Promise<SubscriptionRecord[]> {
    const workspaceId = await deps.workspaceIdFor(command);
    if (!workspaceId) return [];
    return await deps.subscriptions.listForChannel(workspaceId, command.thread.channelId);
  }

  async function list(command: CommandEvent, locale: Locale): Promise<CommandResult> {
    const digests = await channelDigests(command);
    if (digests.length === 0) return info(locale, t(locale, 'digest.command.none'));
    const latest = await deps.runs.latest(digests.map((digest) => digest.id));
    const now = deps.clock.now();
    const lines = digests.map((digest) =>
      t(locale, 'digest.command.listItem', {
        id: digest.id.slice(0, 8),
        name: digest.name,
        owner: digest.createdBy,
        schedule: digest.schedule,
        zone: digest.timeZone,
        next: nextRun(digest, now, locale),
        last: lastResult(latest.get(digest.id), digest.timeZone, locale),
        failures: digest.consecutiveFailures,
        paused: digest.enabled
          ? ''
          : t(
              locale,
              digest.pausedReason === 'failures'
                ? 'digest.command.pausedByFailures'
                : 'digest.command.paused',
            ),
      }),
    );
    return info(
      locale,
      [t(locale, 'digest.command.listHeader'), ...lines.map((line) => `- ${line}`)].join('\n'),
    );
  }

  /** The channel's digest whose id starts with `prefix`, or the answer saying why there is none. */
  async function find(
    command: CommandEvent,
    prefix: string,
    locale: Locale,
  ): Promise<SubscriptionRecord | CommandResult> {
    const id = prefix.toLowerCase();
    if (!/^[0-9a-f-]{4,36}$/.test(id)) return error(locale, t(locale, 'digest.command.usage'));
    const matches = (await channelDigests(command)).filter((digest) => digest.id.startsWith(id));
    if (matches.length === 0) return error(locale, t(locale, 'digest.command.notFound', { id: prefix }));
    if (matches.length > 1) return error(locale, t(locale, 'digest.command.ambiguous', { id: prefix }));
    return matches[0]!;
  }

  async function mayChange(command: CommandEvent, digest: SubscriptionRecord, locale: Locale) {
    if (digest.createdBy === command.userId) return null;
    const person = {
      platform: command.thread.platform,
      workspaceId: command.thread.workspaceId,
      userId: command.userId,
      // On Google Chat (and the console behind IAP) admins are known by email.
      ...(command.userEmail ? { email: command.userEmail } : {}),
    };
    if (await deps.admins.isAdmin(person)) return null;
    const names = await deps.admins.adminNames({
      platform: person.platform,
      workspaceId: person.workspaceId,
    });
    const admins = names.length > 0 ? t(locale, 'digest.command.admins', { names: names.join(', ') }) : '';
    return error(locale, t(locale, 'digest.command.forbidden', { owner: digest.createdBy, admins }).trim());
  }

  const handler: VerbHandler = async (command, args, locale) => {
    const [action = 'list', target = '', ...extra] = args.split(/\s+/).filter(Boolean);
    const verb = action.toLowerCase();
    if (verb === 'add' && deps.add)
      return await deps.add(command, args.trim().slice(action.length).trim(), locale);
    if (verb === 'list' && !target) return await list(command, locale);
    if (!['pause', 'resume', 'remove', 'run'].includes(verb) || !target || extra.length > 0)
      return error(locale, t(locale, 'digest.command.usage'));
    const digest = await find(command, target, locale);
    if (!('id' in digest)) return digest;
    const name = digest.name;
    if (verb === 'run') {
      const outcome = await deps.runNow(digest, command.eventId ?? randomUUID());
      const text = t(locale, `digest.command.run.${outcome.status}`, { name, error: outcome.error ?? '' });
      return outcome.status === 'failed' ? error(locale, text) : info(locale, text);
    }
    const refusal = await mayChange(command, digest, locale);
    if (refusal) return refusal;
    if (verb === 'pause') {
      await deps.subscriptions.setPaused(digest.id, { reason: 'owner' });
      return info(locale, t(locale, 'digest.command.pauseDone', { name }));
    }
    if (verb === 'resume') {
      await deps.subscriptions.setPaused(digest.id, null);
      const next = nextRun({ ...digest, enabled: true }, deps.clock.now(), locale);
      return info(locale, t(locale, 'digest.command.resumeDone', { name, next }));
    }
    await deps.subscriptions.remove(digest.id);
    return info(locale, t(locale, 'digest.command.removeDone', { name }));
  };
  return { digest: handler };
}
