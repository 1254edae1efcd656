import type { MessageTable } from '../message-table.ts';

/** Daily byte budgets and `/kotae limits`. */
export const budgetMessages = {
  'budget.exceeded': {
    ja: 'このチャンネルの本日のスキャン上限に達したため、クエリを実行しませんでした（使用済み {used} / 上限 {limit}、このクエリの見積もり {estimate}）。上限は {resetsAt}（{timeZone}）にリセットされます。上限の変更は管理者（{admins}）にご相談ください。',
    en: "This channel's daily scan budget would be exceeded, so the query did not run (used {used} of {limit}; this query needs about {estimate}). It resets at {resetsAt} ({timeZone}). To change the limit, ask an admin ({admins}).",
  },
  'budget.noAdmins': {
    ja: 'ワークスペースの管理者',
    en: 'a workspace admin',
  },
  'limits.usage': {
    ja: '使い方: `/kotae limits bytes-per-day=<サイズ>`（このチャンネル。例: 500GB、1TB、off）、`/kotae limits workspace bytes-per-day=<サイズ>`（ワークスペース既定）または `/kotae limits questions-per-hour=<1 以上の整数>`。{problem}',
    en: 'Usage: `/kotae limits bytes-per-day=<size>` (this channel; e.g. 500GB, 1TB, off), `/kotae limits workspace bytes-per-day=<size>` (workspace default) or `/kotae limits questions-per-hour=<whole number of 1 or more>`. {problem}',
  },
  'limits.notASize': {
    ja: '「{value}」はサイズとして読めません。',
    en: '"{value}" is not a size.',
  },
  'limits.negative': {
    ja: '「{value}」は負の値です。',
    en: '"{value}" is negative.',
  },
  'limits.overCap': {
    ja: '{value} は全体の上限 {cap} を超えています。',
    en: '{value} is over the global cap of {cap}.',
  },
  'limits.notACount': {
    ja: '「{value}」は 1 以上の整数ではありません。',
    en: '"{value}" is not a whole number of 1 or more.',
  },
  'limits.unknownKey': {
    ja: '「{value}」という設定はありません。',
    en: 'There is no setting called "{value}".',
  },
} as const satisfies MessageTable;
