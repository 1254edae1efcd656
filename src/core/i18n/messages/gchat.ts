import type { MessageTable } from '../message-table.ts';

/** What the Google Chat app says on its own (welcome, card buttons' answers). */
export const gchatMessages = {
  'gchat.welcome.space': {
    ja: '*Kotae* です。データについての質問に答えます。\nメンションして質問してください（例: 「@Kotae 先月の売上トップ10の店舗は？」）。答えはこのスレッドに、途中経過・表・グラフ付きで返します。\n設定やヘルプは `/kotae help` で表示できます。',
    en: 'I\'m *Kotae*. I answer questions about your data.\nMention me with a question (e.g. "@Kotae top 10 stores by sales last month?"). I answer in the same thread, with my steps, a table and a chart.\nType `/kotae help` for settings and help.',
  },
  'gchat.welcome.dm': {
    ja: '*Kotae* です。データについての質問をここに書いてください（例: 「先月の売上トップ10の店舗は？」）。途中経過・表・グラフ付きで答えます。\n設定やヘルプは `/kotae help` で表示できます。',
    en: 'I\'m *Kotae*. Ask me a question about your data here (e.g. "Top 10 stores by sales last month?"). I answer with my steps, a table and a chart.\nType `/kotae help` for settings and help.',
  },
  'gchat.feedback.thanks': {
    ja: 'フィードバックありがとうございます。',
    en: 'Thanks for the feedback.',
  },
  'gchat.showSql.title': { ja: 'この回答に使った SQL', en: 'The SQL behind this answer' },
  'gchat.showSql.none': {
    ja: 'この回答には SQL がありません。',
    en: 'This answer did not run any SQL.',
  },
  'gchat.subscribe.useCommand': {
    ja: 'Google Workspace アドオンとして動いている Kotae では登録フォームを開けません。コマンドで登録してください。',
    en: 'Kotae runs as a Google Workspace add-on here, where it cannot open the subscribe form. Subscribe with the command instead.',
  },
  'gchat.action.unknown': {
    ja: 'このボタンはもう使えません。',
    en: 'This button no longer works.',
  },
} as const satisfies MessageTable;
