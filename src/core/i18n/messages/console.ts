import type { MessageTable } from '../message-table.ts';

/** The console's server-side messages (the page's own UI strings live in its app.js). */
export const consoleMessages = {
  'console.channel.unknown': {
    ja: 'チャンネルが見つかりません: {channel}',
    en: 'No such channel: {channel}',
  },
  'console.thread.unknown': { ja: 'スレッドが見つかりません。', en: 'No such thread.' },
  'console.body.invalid': {
    ja: 'リクエストの形式が正しくありません: {reason}',
    en: 'The request is not valid: {reason}',
  },
} as const satisfies MessageTable;
