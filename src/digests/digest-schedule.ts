/**
 * A digest's schedule: a preset (daily, weekdays, weekly on a day, monthly on a day) or a
 * cron expression, always read in an IANA time zone. Slots are computed by croner in that
 * zone, so 09:00 stays 09:00 local across a daylight-saving change; nothing here stores a
 * UTC instant as "the schedule".
 */
import { Cron } from 'croner';
import { KotaeError } from '../core/errors.ts';

export type DigestSchedule =
  | { kind: 'daily' | 'weekdays'; hour: number; minute: number }
  | { kind: 'weekly'; weekday: number; hour: number; minute: number }
  | { kind: 'monthly'; day: number; hour: number; minute: number }
  | { kind: 'cron'; expression: string };

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** A slot search never walks further than this many candidates (a minute cron for ~2 weeks). */
const MAX_CANDIDATES = 20_000;

function invalid(text: string, cause?: unknown): KotaeError {
  return new KotaeError('digest_schedule_invalid', `Invalid digest schedule: ${text}`, {
    userMessage: 'digest.schedule.invalid',
    userParams: { text },
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseTime(text: string, whole: string): { hour: number; minute: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) throw invalid(whole);
  return { hour, minute };
}

/** Reads "daily 09:00", "weekdays 09:00", "weekly mon 09:00", "monthly 31 09:00" or "cron <5 fields>". */
export function parseDigestSchedule(text: string): DigestSchedule {
  const whole = text.trim();
  const [head = '', ...rest] = whole.split(/\s+/);
  const kind = head.toLowerCase();
  if (kind === 'cron') {
    const expression = rest.join(' ').replace(/^"|"$/g, '');
    if (expression.split(' ').length !== 5) throw invalid(whole);
    try {
      new Cron(expression, { paused: true });
    } catch (error) {
      throw invalid(whole, error);
    }
    return { kind: 'cron', expression };
  }
  if ((kind === 'daily' || kind === 'weekdays') && rest.length === 1) {
    return { kind, ...parseTime(rest[0] ?? '', whole) };
  }
  if (kind === 'weekly' && rest.length === 2) {
    const weekday = WEEKDAYS.indexOf((rest[0] ?? '').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
    if (weekday < 0) throw invalid(whole);
    return { kind, weekday, ...parseTime(rest[1] ?? '', whole) };
  }
  if (kind === 'monthly' && rest.length === 2) {
    const day = Number(rest[0]);
    if (!Number.isInteger(day) || day < 1 || day > 31) throw invalid(whole);
    return { kind, day, ...parseTime(rest[1] ?? '', whole) };
  }
  throw invalid(whole);
}

/** The canonical text of a schedule, as stored in `Subscription.schedule` and shown to people. */
export function formatDigestSchedule(schedule: DigestSchedule): string {
  if (schedule.kind === 'cron') return `cron ${schedule.expression}`;
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
  if (schedule.kind === 'weekly') return `weekly ${WEEKDAYS[schedule.weekday]} ${time}`;
  if (schedule.kind === 'monthly') return `monthly ${schedule.day} ${time}`;
  return `${schedule.kind} ${time}`;
}

export function assertTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch (error) {
    throw new KotaeError('digest_time_zone_invalid', `Invalid time zone: ${zone}`, {
      userMessage: 'digest.timeZone.invalid',
      userParams: { zone },
      cause: error,
    });
  }
  // Intl also accepts offsets such as "+09:00"; a schedule needs a named zone to follow DST.
  if (!zone.includes('/') && zone !== 'UTC') {
    throw new KotaeError('digest_time_zone_invalid', `Not an IANA zone name: ${zone}`, {
      userMessage: 'digest.timeZone.invalid',
      userParams: { zone },
    });
  }
  return zone;
}

function cronPattern(schedule: DigestSchedule): string {
  switch (schedule.kind) {
    case 'cron':
      return schedule.expression;
    case 'daily':
      return `${schedule.minute} ${schedule.hour} * * *`;
    case 'weekdays':
      return `${schedule.minute} ${schedule.hour} * * 1-5`;
    case 'weekly':
      return `${schedule.minute} ${schedule.hour} * * ${schedule.weekday}`;
    case 'monthly':
      // Days 29–31 do not exist in every month: look at the month's last days and keep
      // the one that is min(day, days in that month) (see acceptsCandidate).
      return schedule.day > 28
        ? `${schedule.minute} ${schedule.hour} 28-31 * *`
        : `${schedule.minute} ${schedule.hour} ${schedule.day} * *`;
  }
}

function localDate(instant: Date, zone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

function acceptsCandidate(schedule: DigestSchedule, candidate: Date, zone: string): boolean {
  if (schedule.kind !== 'monthly' || schedule.day <= 28) return true;
  const { year, month, day } = localDate(candidate, zone);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day === Math.min(schedule.day, daysInMonth);
}

/** The first slot strictly after `after`. */
export function nextSlot(schedule: DigestSchedule, zone: string, after: Date): Date {
  const cron = new Cron(cronPattern(schedule), { timezone: zone, paused: true });
  let cursor: Date = after;
  for (let i = 0; i < MAX_CANDIDATES; i += 1) {
    const candidate = cron.nextRun(cursor);
    if (!candidate) break;
    if (acceptsCandidate(schedule, candidate, zone)) return candidate;
    cursor = candidate;
  }
  throw new KotaeError('digest_schedule_never', `Schedule ${formatDigestSchedule(schedule)} never fires`);
}

export interface DueSlot {
  slot: Date;
  /** The slot is older than the grace period: Kotae was down or behind; the post says so. */
  late: boolean;
}

/**
 * The slot to run now, if any: the LATEST slot in (since, now]. Slots missed while Kotae was
 * down collapse into that one run, marked late, never one run per missed slot.
 */
export function dueSlot(
  schedule: DigestSchedule,
  zone: string,
  since: Date,
  now: Date,
  graceMs: number,
): DueSlot | null {
  let latest: Date | null = null;
  let cursor = since;
  for (let i = 0; i < MAX_CANDIDATES; i += 1) {
    const candidate = nextSlot(schedule, zone, cursor);
    if (candidate.getTime() > now.getTime()) break;
    latest = candidate;
    cursor = candidate;
  }
  if (!latest) return null;
  return { slot: latest, late: now.getTime() - latest.getTime() > graceMs };
}
