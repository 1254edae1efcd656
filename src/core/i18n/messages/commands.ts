import type { MessageTable } from '../message-table.ts';

/** The `/kotae` command router and intake's refusals. */
export const commandMessages = {
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
