import type { MessageTable } from '../message-table.ts';

/** Messages about digest schedules. */
export const digestMessages = {
  'digest.schedule.invalid': {
    ja: 'スケジュール「{text}」を読めません。例: daily 09:00 / weekdays 09:00 / weekly mon 09:00 / monthly 31 09:00 / cron "0 9 * * 1-5"',
    en: 'Cannot read the schedule "{text}". Examples: daily 09:00 / weekdays 09:00 / weekly mon 09:00 / monthly 31 09:00 / cron "0 9 * * 1-5"',
  },
  'digest.timeZone.invalid': {
    ja: 'タイムゾーン「{zone}」は IANA の名前ではありません（例: America/New_York）',
    en: 'The time zone "{zone}" is not an IANA name (for example America/New_York)',
  },
} as const satisfies MessageTable;
