import type { MessageTable } from '../message-table.ts';

/** `/kotae limits`: showing and setting a channel's and a workspace's limits. */
export const limitsMessages = {
  'limits.show': {
    ja: '*このチャンネルの上限*（タイムゾーン {timeZone}、本日 {day}）\n- 1 日のスキャン上限: {budget}\n- 本日のスキャン量: このチャンネル {channelUsed}、ワークスペース全体 {workspaceUsed}\n- 1 人あたり 1 時間の質問数: {perHour}（あなたの直近 1 時間: {asked} 件）\n変更（管理者のみ）: `/kotae limits bytes-per-day=500GB`（このチャンネル）、`/kotae limits workspace bytes-per-day=1TB`（ワークスペース既定）、`/kotae limits questions-per-hour=30`',
    en: '*Limits for this channel* (time zone {timeZone}, today {day})\n- Daily scan budget: {budget}\n- Scanned today: {channelUsed} in this channel, {workspaceUsed} in the workspace\n- Questions per person per hour: {perHour} (you asked {asked} in the last hour)\nTo change (admins only): `/kotae limits bytes-per-day=500GB` (this channel), `/kotae limits workspace bytes-per-day=1TB` (workspace default), `/kotae limits questions-per-hour=30`',
  },
  'limits.budget.channel': { ja: '{size}（このチャンネルの設定）', en: '{size} (set for this channel)' },
  'limits.budget.workspace': { ja: '{size}（ワークスペース既定）', en: '{size} (workspace default)' },
  'limits.budget.none': { ja: 'なし', en: 'none' },
  'limits.budget.channelOff': {
    ja: 'なし（このチャンネルでは無効）',
    en: 'none (turned off for this channel)',
  },
  'limits.perHour.workspace': { ja: '{limit}（ワークスペース設定）', en: '{limit} (workspace setting)' },
  'limits.perHour.global': { ja: '{limit}（全体の既定値）', en: '{limit} (global default)' },
  'limits.saved': { ja: '上限を保存しました。\n{summary}', en: 'Limits saved.\n{summary}' },
  'limits.adminOnly': {
    ja: '上限を変更できるのは管理者だけです。管理者（{admins}）にご相談ください。現在の上限は `/kotae limits` で確認できます。',
    en: 'Only an admin can change limits. Ask an admin ({admins}). `/kotae limits` shows the current ones.',
  },
  'limits.workspaceQuestions': {
    ja: '`workspace` を付けられるのは `bytes-per-day` だけです（`questions-per-hour` は常にワークスペースの設定です）。',
    en: '`workspace` applies to bytes-per-day only (questions-per-hour is always a workspace setting).',
  },
} as const satisfies MessageTable;
