import type { MessageTable } from '../message-table.ts';

/** Messages of the task lifecycle, the worker and the console. */
export const coreMessages = {
  'task.placeholder': { ja: '考え中…', en: 'Working on it…' },
  'task.queued': {
    ja: '質問を受け付けました。順番に処理します。',
    en: 'Got your question. It is in the queue.',
  },
  'task.failed': {
    ja: '申し訳ありません。回答できませんでした: {reason}',
    en: 'Sorry, I could not answer this: {reason}',
  },
  'task.failed.attempts': {
    ja: '{attempts} 回試みましたが完了できませんでした。しばらくしてからもう一度お試しください。',
    en: 'I tried {attempts} times and could not finish. Please try again in a little while.',
  },
  'task.failed.internal': {
    ja: '内部エラーが発生しました（参照 ID: {ref}）。',
    en: 'An internal error occurred (reference: {ref}).',
  },
  'task.shutdown': {
    ja: 'サーバーの再起動のため中断しました。まもなく再開します。',
    en: 'Paused while the server restarts. It will resume shortly.',
  },
  'event.invalid': {
    ja: 'リクエストを理解できませんでした: {reason}',
    en: 'The request could not be understood: {reason}',
  },
  'event.emptyQuestion': {
    ja: '質問が空です。知りたいことを書いてください。例: 「先月の売上トップ10の店舗は？」',
    en: 'The question is empty. Ask something, e.g. "Top 10 stores by sales last month?"',
  },
  'event.tooLong': {
    ja: '質問が長すぎます（{length} 文字、上限 {max} 文字）。',
    en: 'The question is too long ({length} characters; the limit is {max}).',
  },
  'step.thinking': { ja: '考えています', en: 'Thinking' },
  'step.done': { ja: '完了', en: 'Done' },
  'llm.notConfigured': {
    ja: 'LLM が設定されていません。OPENAI_API_KEY、GEMINI_API_KEY、または OPENAI_BASE_URL（Ollama・vLLM など）を設定して再起動してください。',
    en: 'No LLM is configured. Set OPENAI_API_KEY, GEMINI_API_KEY, or OPENAI_BASE_URL (Ollama, vLLM, …) and restart.',
  },
  'console.title': { ja: 'Kotae コンソール', en: 'Kotae console' },
} as const satisfies MessageTable;
