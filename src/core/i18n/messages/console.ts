import type { MessageTable } from '../message-table.ts';

/** The console's server-side messages (the page's own UI strings live in its app.js). */
export const consoleMessages = {
  'console.channel.unknown': {
    ja: 'チャンネル「{channel}」が見つかりません。',
    en: 'No such channel: "{channel}".',
  },
  'console.thread.unknown': { ja: 'スレッドが見つかりません。', en: 'No such thread.' },
} as const satisfies MessageTable;
