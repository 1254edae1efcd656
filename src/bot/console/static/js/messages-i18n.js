// Kotae console: The console's own words, in Japanese and English.
import { state } from './page-state.js';

export const MESSAGES = {
  ja: {
    channels: 'チャンネル',
    language: '言語',
    newQuestion: '新しい質問',
    noChannels: 'チャンネルがありません。',
    noThreads: 'まだ質問はありません。右の入力欄から最初の質問をどうぞ。',
    introTitle: 'Kotae に質問する',
    introBody:
      'データについての質問に、クエリを実行して表とグラフで答えます。日本語でも英語でも質問できます。',
    examples: [
      '都道府県別の今月の売上は？',
      '先週と比べて注文数が一番増えた商品は？',
      '店舗ごとの平均客単価を棒グラフで',
    ],
    composerLabel: '質問',
    menu: 'メニュー',
    composerNew: 'データについて質問してください…',
    composerReply: 'このスレッドで続けて質問…',
    send: '送信',
    sending: '送信中…',
    sendHint: 'Enter で送信・Shift+Enter で改行',
    newThreadTitle: '新しい質問',
    you: 'あなた',
    bot: 'Kotae',
    emptyText: '質問を入力してください。',
    networkError: '送信できませんでした。接続を確認してから、もう一度お試しください。',
    loadError: '読み込めませんでした。ページを再読み込みしてください。',
    reconnecting: '再接続中…',
    live: '接続中',
    feedbackThanks: 'フィードバックありがとうございます。',
    feedbackError: 'フィードバックを送信できませんでした。',
    llmMissing:
      'LLM が設定されていないため、質問に答えられません。OPENAI_API_KEY、GEMINI_API_KEY、または OPENAI_BASE_URL を設定して再起動してください。',
  },
  en: {
    channels: 'Channels',
    language: 'Language',
    newQuestion: 'New question',
    noChannels: 'There are no channels.',
    noThreads: 'No questions yet. Ask the first one on the right.',
    introTitle: 'Ask Kotae',
    introBody:
      'Ask a question about your data; Kotae runs the queries and answers with a table and a chart. Japanese or English both work.',
    examples: [
      'Sales by prefecture this month?',
      'Which product grew the most in orders versus last week?',
      'Average order value per store as a bar chart',
    ],
    composerLabel: 'Question',
    menu: 'Menu',
    composerNew: 'Ask a question about your data…',
    composerReply: 'Ask a follow-up in this thread…',
    send: 'Send',
    sending: 'Sending…',
    sendHint: 'Enter to send · Shift+Enter for a new line',
    newThreadTitle: 'New question',
    you: 'You',
    bot: 'Kotae',
    emptyText: 'Type a question first.',
    networkError: 'Could not send. Check the connection and try again.',
    loadError: 'Could not load. Please reload the page.',
    reconnecting: 'Reconnecting…',
    live: 'Live',
    feedbackThanks: 'Thanks for the feedback.',
    feedbackError: 'Could not send the feedback.',
    llmMissing:
      'No LLM is configured, so questions cannot be answered. Set OPENAI_API_KEY, GEMINI_API_KEY or OPENAI_BASE_URL and restart.',
  },
};

/** The page's word for `key`, in the language it shows now. */
export function text(key) {
  return MESSAGES[state.locale][key];
}
