import type { MessageTable } from '../message-table.ts';

/** What any HTTP route answers when a request cannot be served, in the reader's language. */
export const httpMessages = {
  'http.notFound': { ja: 'ページが見つかりません。', en: 'Not found.' },
  'http.forbidden': {
    ja: 'このリンクは使えません（期限切れか無効です）。',
    en: 'This link cannot be used (expired or invalid).',
  },
  'http.bodyNotJson': {
    ja: 'リクエストの本文が JSON として読めません。',
    en: 'The request body is not valid JSON.',
  },
  'http.bodyTooLarge': {
    ja: 'リクエストの本文が大きすぎます（上限 {limit}）。',
    en: 'The request body is too large (the limit is {limit}).',
  },
  'http.badRequest': { ja: 'リクエストを処理できません。', en: 'The request cannot be handled.' },
  'http.internal': {
    ja: 'サーバーでエラーが起きました。しばらくしてからもう一度お試しください。',
    en: 'Something went wrong on the server. Please try again in a moment.',
  },
  'console.body.notObject': {
    ja: 'リクエストの本文は JSON オブジェクトにしてください（例: {"channel": "sales", "text": "…"}）。',
    en: 'The request body must be a JSON object (for example {"channel": "sales", "text": "…"}).',
  },
  'console.body.fields': {
    ja: '次の項目がないか、正しくありません: 「{fields}」',
    en: 'These fields are missing or not valid: "{fields}".',
  },
} as const satisfies MessageTable;
