import type { MessageTable } from '../message-table.ts';

/** The `/kotae` command router and intake's refusals. */
export const commandMessages = {
  'command.help': {
    ja: [
      '*Kotae（答え）の使い方*',
      '• メンションか DM で質問してください。例: 「先月の都道府県別売上トップ10は？」',
      '• 同じスレッドで続けて質問できます。例: 「では月別に分けて」',
      '• `/kotae ask <質問>` — 質問する',
      '• `/kotae help` — このヘルプ',
    ].join('\n'),
    en: [
      '*How to use Kotae (答え)*',
      '• Mention me or send a DM with a question, e.g. "Top 10 prefectures by sales last month?"',
      '• Ask follow-ups in the same thread, e.g. "Now split it by month".',
      '• `/kotae ask <question>` — ask a question',
      '• `/kotae help` — this help',
    ].join('\n'),
  },
  'command.unknown': {
    ja: '不明なコマンドです: `{command}`。`/kotae help` で使い方を表示します。',
    en: 'Unknown command: `{command}`. Try `/kotae help`.',
  },
  'command.ask.accepted': {
    ja: '質問を受け付けました。このチャンネルに回答します。',
    en: 'Got it. I will answer in this channel.',
  },
  'command.ask.duplicate': {
    ja: 'この質問はすでに受け付けています。',
    en: 'This question is already being answered.',
  },
  'event.rateLimited': {
    ja: '質問の上限（1 時間あたり {limit} 件）に達しました。しばらくしてからお試しください。',
    en: 'You have reached the limit of {limit} questions per hour. Please try again later.',
  },
} as const satisfies MessageTable;
