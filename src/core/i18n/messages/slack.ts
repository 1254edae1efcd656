import type { MessageTable } from '../message-table.ts';

/** What the Slack app says on its own (answers come from the agent). */
export const slackMessages = {
  'slack.prompts.title': { ja: 'こんなことを聞けます', en: 'Try asking' },
  'slack.prompts.topStores.title': { ja: '売上トップの店舗', en: 'Top stores' },
  'slack.prompts.topStores.message': {
    ja: '先月の売上トップ10の店舗は？',
    en: 'What were the top 10 stores by sales last month?',
  },
  'slack.prompts.byPrefecture.title': { ja: '都道府県別の売上', en: 'Sales by prefecture' },
  'slack.prompts.byPrefecture.message': {
    ja: '都道府県別の今年の売上を棒グラフで見せて',
    en: 'Show this year’s sales by prefecture as a bar chart',
  },
  'slack.prompts.growth.title': { ja: '伸びている商品', en: 'Growing products' },
  'slack.prompts.growth.message': {
    ja: '前年同月比で売上が伸びている商品カテゴリは？',
    en: 'Which product categories grew most versus the same month last year?',
  },
  'slack.assistant.status': { ja: '考え中…', en: 'is thinking…' },
  'slack.sql.title': { ja: 'この回答に使った SQL', en: 'SQL behind this answer' },
  'slack.sql.none': { ja: 'この回答には SQL がありません。', en: 'No SQL was run for this answer.' },
  'slack.sql.notReady': {
    ja: 'まだ回答が完成していません。完成してからもう一度お試しください。',
    en: 'The answer is not finished yet. Try again once it is.',
  },
  'slack.task.notFound': { ja: 'この回答は見つかりませんでした。', en: 'This answer could not be found.' },
  'slack.feedback.up': { ja: 'フィードバックありがとうございます 👍', en: 'Thanks for the feedback 👍' },
  'slack.feedback.down': {
    ja: 'フィードバックありがとうございます。改善に役立てます。',
    en: 'Thanks for the feedback. We will use it to improve.',
  },
  'slack.command.failed': {
    ja: 'コマンドを処理できませんでした。しばらくしてからもう一度お試しください。',
    en: 'The command could not be handled. Please try again in a little while.',
  },
  'slack.install.success': {
    ja: 'Kotae をインストールしました。チャンネルに招待して @Kotae で質問してください。',
    en: 'Kotae is installed. Invite it to a channel and ask with @Kotae.',
  },
  'slack.install.failure': {
    ja: 'インストールを完了できませんでした（{code}）。もう一度お試しください。',
    en: 'The installation could not be completed ({code}). Please try again.',
  },
} as const satisfies MessageTable;
