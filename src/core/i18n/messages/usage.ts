import type { MessageTable } from '../message-table.ts';

/** `/kotae usage`: questions, time to answer, bytes, tokens, cost and feedback per group. */
export const usageMessages = {
  'usage.usage': {
    ja: '使い方: `/kotae usage [today|7d|30d] [by=channel|user|model]`。{problem}',
    en: 'Usage: `/kotae usage [today|7d|30d] [by=channel|user|model]`. {problem}',
  },
  'usage.badWord': {
    ja: '「{value}」は期間でも集計軸でもありません。',
    en: '"{value}" is neither a period nor a grouping.',
  },
  'usage.title.workspace': {
    ja: '*ワークスペースの利用状況*（{period}、{from} 〜 {to}、タイムゾーン {timeZone}）',
    en: '*Workspace usage* ({period}, {from} to {to}, time zone {timeZone})',
  },
  'usage.title.channel': {
    ja: '*このチャンネルの利用状況*（{period}、{from} 〜 {to}、タイムゾーン {timeZone}）',
    en: '*Usage in this channel* ({period}, {from} to {to}, time zone {timeZone})',
  },
  'usage.period.today': { ja: '本日', en: 'today' },
  'usage.period.7d': { ja: '直近 7 日', en: 'last 7 days' },
  'usage.period.30d': { ja: '直近 30 日', en: 'last 30 days' },
  'usage.totals': {
    ja: '合計: 質問 {asked} 件（回答 {answered}、失敗 {failed}）、スキャン {bytes}（推定 ${bytesCost}、{usdPerTiB} ドル/TiB）、トークン {tokens}（推定 ${tokensCost}）',
    en: 'Total: {asked} questions ({answered} answered, {failed} failed), {bytes} scanned (est. ${bytesCost} at ${usdPerTiB}/TiB), {tokens} tokens (est. ${tokensCost})',
  },
  'usage.none': { ja: 'この期間の質問はありません。', en: 'No questions in this period.' },
  'usage.flag.slow': {
    ja: '⚠️ 警告: {group} の回答時間 p95 が {p95} 秒です（目標 5 秒以内）。',
    en: '⚠️ Warning: p95 time to answer in {group} is {p95} s (goal: 5 s or less).',
  },
  'usage.flag.errors': {
    ja: '🔴 重大: {group} のエラー率が {rate}% です（目標 5% 以下）。',
    en: '🔴 Critical: error rate in {group} is {rate}% (goal: 5% or less).',
  },
  'usage.unpriced': {
    ja: '単価が未設定のモデル（{models}）はトークン費用に含めていません（KOTAE_MODEL_PRICES）。',
    en: 'Models without a price ({models}) are left out of the token cost (KOTAE_MODEL_PRICES).',
  },
  'usage.col.channel': { ja: 'チャンネル', en: 'Channel' },
  'usage.col.user': { ja: 'ユーザー', en: 'User' },
  'usage.col.model': { ja: 'モデル', en: 'Model' },
  'usage.col.asked': { ja: '質問', en: 'Asked' },
  'usage.col.answered': { ja: '回答', en: 'Answered' },
  'usage.col.failed': { ja: '失敗', en: 'Failed' },
  'usage.col.p50': { ja: 'p50 (秒)', en: 'p50 (s)' },
  'usage.col.p95': { ja: 'p95 (秒)', en: 'p95 (s)' },
  'usage.col.bytes': { ja: 'スキャン量', en: 'Bytes' },
  'usage.col.bytesCost': { ja: 'スキャン費用 ($)', en: 'Bytes cost ($)' },
  'usage.col.tokens': { ja: 'トークン', en: 'Tokens' },
  'usage.col.tokensCost': { ja: 'トークン費用 ($)', en: 'Tokens cost ($)' },
  'usage.col.feedback': { ja: '👍/👎', en: '👍/👎' },
  'usage.chart.title': {
    ja: '日別スキャン量（チャンネル別、GiB）',
    en: 'Bytes scanned per day by channel (GiB)',
  },
  'usage.chart.day': { ja: '日付', en: 'Day' },
} as const satisfies MessageTable;
