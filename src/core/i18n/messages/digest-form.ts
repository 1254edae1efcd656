import type { MessageTable } from '../message-table.ts';

/** The Subscribe form as Slack's modal and Google Chat's dialog show it. */
export const digestFormMessages = {
  'digest.form.title': { ja: '定期配信の設定', en: 'Digest settings' },
  'digest.form.submit': { ja: '登録', en: 'Subscribe' },
  'digest.form.cancel': { ja: 'キャンセル', en: 'Cancel' },
  'digest.form.name': { ja: 'タイトル', en: 'Title' },
  'digest.form.preset': { ja: '頻度', en: 'Repeat' },
  'digest.form.preset.daily': { ja: '毎日', en: 'Daily' },
  'digest.form.preset.weekdays': { ja: '平日', en: 'Weekdays' },
  'digest.form.preset.weekly': { ja: '毎週', en: 'Weekly' },
  'digest.form.preset.monthly': { ja: '毎月', en: 'Monthly' },
  'digest.form.weekday': { ja: '曜日（毎週のとき）', en: 'Day of week (weekly)' },
  'digest.form.day': { ja: '日（毎月のとき、1〜31）', en: 'Day of month (monthly, 1–31)' },
  'digest.form.time': { ja: '時刻（HH:MM）', en: 'Time (HH:MM)' },
  'digest.form.timeZone': { ja: 'タイムゾーン', en: 'Time zone' },
  'digest.form.timeZone.hint': {
    ja: 'IANA の名前（例: Asia/Tokyo）。空欄ならワークスペースのタイムゾーンです。',
    en: "An IANA name (for example Asia/Tokyo). Empty: the workspace's time zone.",
  },
  'digest.form.empty': { ja: 'データがないとき', en: 'When there is no data' },
  'digest.form.empty.post': { ja: '「データなし」と投稿', en: 'Post "no data"' },
  'digest.form.empty.skip': { ja: '投稿しない', en: 'Post nothing' },
  'digest.form.day.invalid': {
    ja: '日は 1〜31 の数で入力してください。',
    en: 'Enter the day of the month as a number from 1 to 31.',
  },
  'digest.form.choice.invalid': {
    ja: '選択肢から選んでください。',
    en: 'Choose one of the options.',
  },
} as const satisfies MessageTable;
