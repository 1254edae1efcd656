import type { MessageTable } from '../message-table.ts';

/** `/kotae help` and the greeting Google Chat shows when Kotae is added to a space. */
export const helpMessages = {
  'help.title': { ja: 'Kotae の使い方', en: 'How to use Kotae' },
  'help.intro': {
    ja: 'データについての質問に、クエリを実行して表とグラフで答えます。日本語でも英語でも質問できます。',
    en: 'Ask a question about your data; I run the queries and answer with a table and a chart. Ask in Japanese or English.',
  },
  'help.commands': { ja: 'コマンド', en: 'Commands' },
  'help.command.ask': {
    ja: '`{command} ask <質問>` — 質問します（例: `{command} ask 先月の売上トップ10の店舗は？`）',
    en: '`{command} ask <question>` — ask a question (e.g. `{command} ask Top 10 stores by sales last month?`)',
  },
  'help.command.status': {
    ja: '`{command} status` — このチャンネルのデータ設定、モデル、管理者を表示します',
    en: "`{command} status` — show this channel's data mapping, the model and the admins",
  },
  'help.command.limits': {
    ja: '`{command} limits` — このチャンネルの上限と本日の使用量を表示します',
    en: "`{command} limits` — show this channel's limits and today's use",
  },
  'help.command.usage': {
    ja: '`{command} usage [today|7d|30d] [by=channel|user|model]` — 質問数、回答時間、スキャン量、トークン、費用、評価を表示します（管理者はワークスペース全体）',
    en: '`{command} usage [today|7d|30d] [by=channel|user|model]` — show questions, time to answer, bytes, tokens, cost and ratings (admins see the whole workspace)',
  },
  'help.command.digest': {
    ja: '`{command} digest list` — このチャンネルの定期配信を一覧します（`pause`・`resume`・`remove`・`run` も使えます）',
    en: "`{command} digest list` — list this channel's digests (also `pause`, `resume`, `remove`, `run`)",
  },
  'help.command.help': {
    ja: '`{command} help` — この説明を表示します',
    en: '`{command} help` — show this help',
  },
  'help.admin.limits': {
    ja: '`/kotae limits [workspace] bytes-per-day=<サイズ>` | `/kotae limits questions-per-hour=<数>` — 1 日のスキャン上限（チャンネルまたはワークスペース既定）と 1 時間あたりの質問数を設定します',
    en: '`/kotae limits [workspace] bytes-per-day=<size>` | `/kotae limits questions-per-hour=<n>` — set the daily scan budget (this channel or the workspace default) and questions per hour',
  },
  'help.mention': {
    ja: 'チャンネルでメンションするか、ダイレクトメッセージで話しかけても質問できます。スレッド内で続けて質問すると、前の回答を踏まえて答えます。',
    en: 'You can also mention me in a channel or send me a direct message. Follow-up questions in the same thread build on the earlier answer.',
  },
  'help.examples': { ja: '質問の例', en: 'Example questions' },
  'help.example.1': { ja: '都道府県別の今月の売上は？', en: 'Sales by prefecture this month?' },
  'help.example.2': {
    ja: '先週と比べて注文数が一番増えた商品は？',
    en: 'Which product grew the most in orders versus last week?',
  },
  'help.example.3': {
    ja: '店舗ごとの平均客単価を棒グラフで',
    en: 'Average order value per store as a bar chart',
  },
  'help.footer': {
    ja: '回答の下のボタンで、実行した SQL の確認や評価ができます。',
    en: 'Use the buttons under an answer to see the SQL that ran or to rate the answer.',
  },
  'help.welcome': {
    ja: 'こんにちは、Kotae（答え）です。データについての質問にお答えします。たとえば「{example}」のように話しかけてください。使い方は `{command} help` で確認できます。',
    en: 'Hi, I am Kotae (答え). I answer questions about your data. Try asking something like "{example}". Type `{command} help` to see what I can do.',
  },
  'help.unknownCommand': {
    ja: '`{verb}` というコマンドはありません。`{command} help` で使い方を確認できます。',
    en: 'There is no `{verb}` command. Type `{command} help` to see what I can do.',
  },
} as const satisfies MessageTable;
