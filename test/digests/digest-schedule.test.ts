/**
 * Digest slots in the subscriber's zone. If this broke, a New York team's 09:00 digest
 * would arrive at 08:00 or 10:00 after the March change, a "monthly on the 31st" digest
 * would skip April, or a digest missed during an outage would be posted once per slot.
 */
import { describe, expect, it } from 'vitest';
import { isKotaeError } from '../../src/core/errors.ts';
import {
  assertTimeZone,
  dueSlot,
  formatDigestSchedule,
  nextSlot,
  parseDigestSchedule,
} from '../../src/digests/digest-schedule.ts';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

describe('digest schedule', () => {
  it('fires 09:00 New York at 14:00 UTC before the March change and 13:00 UTC after it', () => {
    const daily = parseDigestSchedule('daily 09:00');
    expect(nextSlot(daily, NY, new Date('2026-03-06T15:00:00Z')).toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(nextSlot(daily, NY, new Date('2026-03-07T15:00:00Z')).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(nextSlot(daily, NY, new Date('2026-03-08T13:00:00Z')).toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('keeps Asia/Tokyo at 00:00 UTC on both sides of the US change', () => {
    const daily = parseDigestSchedule('daily 09:00');
    expect(nextSlot(daily, TOKYO, new Date('2026-03-06T01:00:00Z')).toISOString()).toBe(
      '2026-03-07T00:00:00.000Z',
    );
    expect(nextSlot(daily, TOKYO, new Date('2026-03-09T01:00:00Z')).toISOString()).toBe(
      '2026-03-10T00:00:00.000Z',
    );
  });

  it('lands weekday and weekly presets on the local day, not the UTC day', () => {
    // 2026-03-09 is a Monday; 08:30 Tokyo on Monday is Sunday 23:30 UTC.
    const weekly = parseDigestSchedule('weekly mon 08:30');
    expect(nextSlot(weekly, TOKYO, new Date('2026-03-04T00:00:00Z')).toISOString()).toBe(
      '2026-03-08T23:30:00.000Z',
    );
    const weekdays = parseDigestSchedule('weekdays 09:00');
    // From Friday after the slot, the next weekday slot is Monday.
    expect(nextSlot(weekdays, NY, new Date('2026-03-13T14:00:00Z')).toISOString()).toBe(
      '2026-03-16T13:00:00.000Z',
    );
  });

  it('runs "monthly on the 31st" on the last day of 30-day months and of February', () => {
    const monthly = parseDigestSchedule('monthly 31 09:00');
    const slots: string[] = [];
    let cursor = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 4; i += 1) {
      cursor = nextSlot(monthly, TOKYO, cursor);
      slots.push(cursor.toISOString());
    }
    expect(slots).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
    ]);
    const fifteenth = parseDigestSchedule('monthly 15 07:00');
    expect(nextSlot(fifteenth, NY, new Date('2026-04-01T00:00:00Z')).toISOString()).toBe(
      '2026-04-15T11:00:00.000Z',
    );
  });

  it('collapses slots missed during an outage into one late run for the latest slot', () => {
    const daily = parseDigestSchedule('daily 09:00');
    const since = new Date('2026-03-01T00:00:00Z');
    const due = dueSlot(daily, TOKYO, since, new Date('2026-03-05T03:00:00Z'), 5 * 60_000);
    expect(due).toEqual({ slot: new Date('2026-03-05T00:00:00Z'), late: true });
    const onTime = dueSlot(daily, TOKYO, since, new Date('2026-03-05T00:01:00Z'), 5 * 60_000);
    expect(onTime).toEqual({ slot: new Date('2026-03-05T00:00:00Z'), late: false });
    expect(
      dueSlot(daily, TOKYO, new Date('2026-03-05T00:00:00Z'), new Date('2026-03-05T08:00:00Z'), 60_000),
    ).toBeNull();
  });

  it('reads cron expressions and round-trips every preset through its stored text', () => {
    for (const text of [
      'daily 09:00',
      'weekdays 18:05',
      'weekly fri 07:00',
      'monthly 30 23:59',
      'cron 0 9 * * 1-5',
    ]) {
      expect(formatDigestSchedule(parseDigestSchedule(text))).toBe(text);
    }
    const cron = parseDigestSchedule('cron "30 8 * * 1"');
    expect(nextSlot(cron, NY, new Date('2026-03-04T00:00:00Z')).toISOString()).toBe(
      '2026-03-09T12:30:00.000Z',
    );
  });

  it('refuses unreadable schedules and zones with a message the user can act on', () => {
    for (const text of ['daily 25:00', 'weekly xyz 09:00', 'monthly 32 09:00', 'hourly', 'cron 99 * * * *']) {
      let caught: unknown;
      try {
        parseDigestSchedule(text);
      } catch (error) {
        caught = error;
      }
      expect(isKotaeError(caught) && caught.userMessage).toBe('digest.schedule.invalid');
    }
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/time zone/i);
    expect(() => assertTimeZone('+09:00')).toThrow(/IANA/);
    expect(assertTimeZone(NY)).toBe(NY);
  });
});
