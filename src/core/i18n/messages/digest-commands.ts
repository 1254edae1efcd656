import type { MessageTable } from '../message-table.ts';

/** `/kotae digest …`: managing a channel's digests. */
export const digestCommandMessages = {
  'digest.command.usage': {
    ja: '使い方: `/kotae digest add "<質問>" daily 09:00` · `/kotae digest list` · `/kotae digest pause <id>` · `/kotae digest resume <id>` · `/kotae digest remove <id>` · `/kotae digest run <id>`（<id> は一覧の先頭 8 文字）',
    en: 'Usage: `/kotae digest add "<question>" daily 09:00` · `/kotae digest list` · `/kotae digest pause <id>` · `/kotae digest resume <id>` · `/kotae digest remove <id>` · `/kotae digest run <id>` (<id> is the 8 characters shown in the list)',
  },
  'digest.command.none': {
    ja: 'このチャンネルに定期配信はありません。回答の「毎日届ける」ボタンから登録できます。',
    en: 'This channel has no digests. Subscribe from an answer with its "Subscribe" button.',
  },
  'digest.command.listHeader': { ja: 'このチャンネルの定期配信:', en: 'Digests in this channel:' },
  'digest.command.listItem': {
    ja: '`{id}` **{name}** · 作成者 {owner} · {schedule}（{zone}）· 次回 {next} · 前回 {last} · 連続失敗 {failures}{paused}',
    en: '`{id}` **{name}** · owner {owner} · {schedule} ({zone}) · next {next} · last {last} · failures {failures}{paused}',
  },
  'digest.command.paused': { ja: ' · ⏸ 停止中', en: ' · ⏸ paused' },
  'digest.command.pausedByFailures': { ja: ' · ⏸ 失敗が続いたため停止中', en: ' · ⏸ paused after failures' },
  'digest.command.never': { ja: 'なし', en: 'none yet' },
  'digest.command.last.posted': { ja: '{date} 配信済み', en: 'posted {date}' },
  'digest.command.last.skipped': { ja: '{date} データなしで省略', en: 'skipped (no data) {date}' },
  'digest.command.last.failed': { ja: '{date} 失敗: {error}', en: 'failed {date}: {error}' },
  'digest.command.last.pending': { ja: '{date} 配信中', en: 'running {date}' },
  'digest.command.notFound': {
    ja: 'このチャンネルに ID が「{id}」の定期配信はありません。`/kotae digest list` で確認してください。',
    en: 'No digest with id "{id}" in this channel. See `/kotae digest list`.',
  },
  'digest.command.ambiguous': {
    ja: '「{id}」に当てはまる定期配信が複数あります。もう少し長く指定してください。',
    en: 'More than one digest matches "{id}". Give more of the id.',
  },
  'digest.command.forbidden': {
    ja: 'この定期配信を変更できるのは作成者 ({owner}) か管理者だけです。{admins}',
    en: 'Only the owner ({owner}) or an admin may change this digest. {admins}',
  },
  'digest.command.admins': { ja: '管理者: {names}', en: 'Admins: {names}' },
  'digest.command.pauseDone': { ja: '定期配信「{name}」を停止しました。', en: 'Paused the digest "{name}".' },
  'digest.command.resumeDone': {
    ja: '定期配信「{name}」を再開しました。次回は {next} です。',
    en: 'Resumed the digest "{name}". Next run: {next}.',
  },
  'digest.command.removeDone': {
    ja: '定期配信「{name}」を削除しました。',
    en: 'Removed the digest "{name}".',
  },
  'digest.command.run.posted': {
    ja: '定期配信「{name}」をこのチャンネルに配信しました。',
    en: 'Sent the digest "{name}" to this channel.',
  },
  'digest.command.run.skipped': {
    ja: '定期配信「{name}」はデータがなかったため配信しませんでした（空のときは省略する設定です）。',
    en: 'The digest "{name}" had no data and was not posted (it is set to skip empty results).',
  },
  'digest.command.run.failed': {
    ja: '定期配信「{name}」の配信に失敗しました: {error}',
    en: 'The digest "{name}" failed: {error}',
  },
  'digest.command.run.pending': {
    ja: '定期配信「{name}」を実行中です。結果はこのチャンネルに届きます。失敗した場合は作成者に DM でお知らせします。',
    en: 'The digest "{name}" is running. It will appear in this channel; if it fails, its owner gets a direct message.',
  },
  'digest.subscribe.unavailable': {
    ja: 'この回答はクエリを実行していないため、定期配信にできません。',
    en: 'This answer did not run a query, so it cannot become a digest.',
  },
  'digest.subscribe.done': {
    ja: '定期配信「{name}」を登録しました（`{id}`）: {schedule}（{zone}）。次回 {next}。',
    en: 'Subscribed "{name}" (`{id}`): {schedule} ({zone}). Next: {next}.',
  },
  'digest.command.add.usage': {
    ja: '使い方: `/kotae digest add "<質問>" daily 09:00 [tz=Asia/Tokyo]`（頻度は `daily` / `weekdays` / `weekly mon` / `monthly 31` と時刻）',
    en: 'Usage: `/kotae digest add "<question>" daily 09:00 [tz=Asia/Tokyo]` (the schedule is `daily` / `weekdays` / `weekly mon` / `monthly 31` and a time)',
  },
  'digest.command.add.question': {
    ja: '質問を "…" で囲んで、その後に頻度と時刻を書いてください。',
    en: 'Put the question in "…", followed by the schedule and time.',
  },
  'digest.command.add.preview': {
    ja: 'プレビューとして一度質問を実行します。回答が届いたら、確認ボタンで {schedule}（{zone}）の定期配信を登録します。',
    en: 'Running the question once as a preview. Once the answer is here, confirm to subscribe this channel: {schedule} ({zone}).',
  },
  'digest.command.add.workspaceZone': { ja: 'ワークスペースのタイムゾーン', en: "the workspace's time zone" },
  'digest.subscribe.button': { ja: '毎日届ける', en: 'Subscribe' },
} as const satisfies MessageTable;
