import type { MessageTable } from '../message-table.ts';

/** What a digest run posts, and what it tells people when it fails. */
export const digestRunMessages = {
  'digest.post.late': { ja: '（遅れて配信）', en: '(sent late)' },
  'digest.post.date': { ja: '{date} 時点', en: 'As of {date}' },
  'digest.post.change.up': {
    ja: '前回比 ▲ {absolute}（{percent}）',
    en: '▲ {absolute} ({percent}) since the last digest',
  },
  'digest.post.change.down': {
    ja: '前回比 ▼ {absolute}（{percent}）',
    en: '▼ {absolute} ({percent}) since the last digest',
  },
  'digest.post.change.flat': { ja: '前回から変化なし', en: 'No change since the last digest' },
  'digest.post.change.first': { ja: '（初回のため比較なし）', en: '(first digest: nothing to compare)' },
  'digest.post.noData': {
    ja: '{date} のデータはありませんでした。',
    en: 'There was no data for {date}.',
  },
  'digest.post.footer': {
    ja: '定期配信 `{id}` · {schedule}（{zone}）· `/kotae digest list` で管理',
    en: 'Digest `{id}` · {schedule} ({zone}) · manage with `/kotae digest list`',
  },
  'digest.failed.refused': {
    ja: 'このチャンネルの接続設定では、保存された SQL が読むテーブルを参照できなくなりました: {reason}',
    en: "The channel's warehouse mapping no longer allows the tables the saved SQL reads: {reason}",
  },
  'digest.failed.query': { ja: 'クエリが失敗しました: {reason}', en: 'The query failed: {reason}' },
  'digest.failed.attempts': {
    ja: '{attempts} 回試しましたが配信できませんでした',
    en: 'It could not be delivered after {attempts} attempts',
  },
  'digest.failed.internal': {
    ja: '内部エラーが起きました（参照: {ref}）',
    en: 'An internal error occurred (ref: {ref})',
  },
  'digest.owner.failed': {
    ja: '定期配信「{name}」（チャンネル {channel}、{slot}）を配信できませんでした。理由: {reason}',
    en: 'Your digest "{name}" (channel {channel}, {slot}) could not be delivered. Reason: {reason}',
  },
  'digest.paused.failures': {
    ja: '定期配信「{name}」は {count} 回続けて失敗したため停止しました。直したら `/kotae digest resume {id}` で再開できます。',
    en: 'The digest "{name}" failed {count} times in a row and is now paused. Fix it, then `/kotae digest resume {id}`.',
  },
} as const satisfies MessageTable;
