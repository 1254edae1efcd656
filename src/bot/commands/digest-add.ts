/**
 * `/kotae digest add "<question>" <schedule> [tz=<IANA zone>]`: the command form of
 * Subscribe. The question runs through the agent once, like `ask`, as the preview; the
 * reply carries a confirm button whose command (`digest add confirm <task> …`) subscribes
 * the channel from that answer, as the person who clicks. Anything unreadable is answered
 * with the usage and the reason, in the caller's language, and nothing is saved or asked.
 */
import { randomUUID } from 'node:crypto';
import type { CommandEvent } from '../../core/chat-event.ts';
import type { Clock } from '../../core/clock.ts';
import { isKotaeError } from '../../core/errors.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { CommandResult } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import { errorReply, infoReply } from '../../core/reply.ts';
import { assertTimeZone, formatDigestSchedule, parseDigestSchedule } from '../../digests/digest-schedule.ts';
import { submitSubscribeForm, type AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';

export interface DigestAddDeps {
  intake: Intake;
  subscribe: AnswerSubscriber;
  clock: Clock;
}

const QUOTES: Array<[string, string]> = [
  ['"', '"'],
  ['“', '”'],
  ['「', '」'],
];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Parsed {
  question: string;
  /** Canonical, e.g. "weekly mon 09:00". */
  schedule: string;
  timeZone?: string;
}

/** The question in quotes, then the schedule words and an optional tz=…; or the reason it is not. */
function parse(args: string, locale: Locale): Parsed | string {
  const text = args.trim();
  const quote = QUOTES.find(([open]) => text.startsWith(open));
  const end = quote ? text.indexOf(quote[1], 1) : -1;
  if (!quote || end <= 1) return t(locale, 'digest.command.add.question');
  const question = text.slice(1, end).trim();
  const words = text
    .slice(end + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const zones = words.filter((word) => /^tz=/i.test(word));
  const rest = words.filter((word) => !/^tz=/i.test(word));
  if (!question || zones.length > 1) return t(locale, 'digest.command.add.question');
  try {
    const schedule = parseDigestSchedule(rest.join(' '));
    if (schedule.kind === 'cron') return t(locale, 'digest.schedule.invalid', { text: rest.join(' ') });
    const zone = zones[0]?.slice(3);
    return {
      question,
      schedule: formatDigestSchedule(schedule),
      ...(zone ? { timeZone: assertTimeZone(zone) } : {}),
    };
  } catch (error) {
    if (isKotaeError(error) && error.userMessage) return t(locale, error.userMessage, error.userParams);
    throw error;
  }
}

/** "daily 09:00" / "weekly mon 09:00" / "monthly 31 09:00" as the Subscribe form's fields. */
function formFields(schedule: string, timeZone: string | undefined): Record<string, string> {
  const parsed = parseDigestSchedule(schedule);
  const time = schedule.split(/\s+/).at(-1) ?? '';
  const fields: Record<string, string> = { preset: parsed.kind, time, emptyMode: 'post' };
  if (parsed.kind === 'weekly') fields['weekday'] = WEEKDAY_NAMES[parsed.weekday] ?? '';
  if (parsed.kind === 'monthly') fields['day'] = String(parsed.day);
  if (timeZone) fields['timeZone'] = timeZone;
  return fields;
}

export function createDigestAdd(deps: DigestAddDeps) {
  const refuse = (locale: Locale, reason: string): CommandResult => ({
    reply: errorReply(locale, `${reason}\n${t(locale, 'digest.command.add.usage')}`),
    ephemeral: true,
  });

  async function confirm(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    const [taskId = '', ...words] = args.split(/\s+/).filter(Boolean);
    const zone = words.find((word) => /^tz=/i.test(word))?.slice(3);
    const schedule = words.filter((word) => !/^tz=/i.test(word)).join(' ');
    let fields: Record<string, string>;
    try {
      fields = formFields(schedule, zone);
    } catch {
      return refuse(locale, t(locale, 'digest.schedule.invalid', { text: schedule }));
    }
    const outcome = await submitSubscribeForm(deps.subscribe, {
      taskId,
      person: {
        platform: command.thread.platform,
        workspaceId: command.thread.workspaceId,
        userId: command.userId,
      },
      fields,
      locale,
      now: deps.clock.now(),
    });
    return {
      reply: outcome.ok ? infoReply(locale, outcome.text) : errorReply(locale, outcome.text),
      ephemeral: true,
    };
  }

  return async function add(command: CommandEvent, args: string, locale: Locale): Promise<CommandResult> {
    if (/^confirm\s/i.test(args)) return await confirm(command, args.replace(/^confirm\s+/i, ''), locale);
    const parsed = parse(args, locale);
    if (typeof parsed === 'string') return refuse(locale, parsed);
    const result = await deps.intake.submit({
      eventId: command.eventId ?? randomUUID(),
      thread: command.thread,
      userId: command.userId,
      text: parsed.question,
      locale,
      receivedAt: deps.clock.now(),
    });
    if (result.status === 'rejected')
      return { reply: errorReply(result.locale, result.message), ephemeral: true };
    const zone = parsed.timeZone ? ` tz=${parsed.timeZone}` : '';
    const reply = infoReply(
      locale,
      t(locale, 'digest.command.add.preview', {
        schedule: parsed.schedule,
        zone: parsed.timeZone ?? t(locale, 'digest.command.add.workspaceZone'),
      }),
    );
    return {
      reply: {
        ...reply,
        actions: [
          { kind: 'confirm', command: `digest add confirm ${result.taskId} ${parsed.schedule}${zone}` },
        ],
      },
      ephemeral: true,
      taskId: result.taskId,
    };
  };
}
