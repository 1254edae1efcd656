/**
 * Every message a person can read is in their language. Walks the whole ja/en catalogue,
 * then every error path of the console API (and the server's own 404, 413 and bad-JSON
 * answers) in both languages. If this breaks, a Japanese reader meets "Request body is not
 * valid JSON" or zod's "Invalid input: expected object, received null", or an English
 * reader meets Japanese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../../src/app/start-kotae.ts';
import { catalogue } from '../../../src/core/i18n/catalogue.ts';
import { acceptedLocale } from '../../../src/bot/http/request-locale.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { startTestKotae } from '../../support/test-kotae.ts';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/u;

/** Words that stay as they are in Japanese text: names, env vars, formats, units. */
const TECHNICAL =
  /\{[^}]*\}|[A-Z][A-Z0-9_]{1,}|Kotae|Slack|Google Chat|BigQuery|DuckDB|OpenAI|Gemini|Ollama|vLLM|JSON|SQL|CSV|https?:\/\/\S+|`[^`]*`|\/[\w-]+(?: [\w<>.-]+)*|\b(?:ja|en|on|off|true|false|id|up|down|help)\b|\b[a-z_]+\.[a-z_.]+\b/g;

/** English words left in a Japanese line once names, quoted input and placeholders are set aside. */
function englishIn(ja: string): string[] {
  return (
    ja
      .replace(/「[^」]*」/g, ' ')
      .replace(TECHNICAL, ' ')
      .match(/\b[A-Za-z]{3,}\b/g) ?? []
  );
}

/** Messages that mix the languages on purpose. */
const MIXED_ON_PURPOSE: Record<string, string> = {
  'help.welcome': 'the English text glosses the name Kotae as 答え',
  'digest.schedule.invalid': 'the examples are command syntax, the same in both languages',
};

describe('the catalogue', () => {
  it('has Japanese in every Japanese message, and no Japanese in any English one', () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(catalogue) as Array<[string, { ja: string; en: string }]>) {
      if (key in MIXED_ON_PURPOSE) continue;
      const hasLetters = /[\p{L}]/u.test(message.ja.replace(TECHNICAL, ''));
      if (hasLetters && !JAPANESE.test(message.ja))
        problems.push(`${key} (ja is not Japanese): ${message.ja}`);
      const stray = englishIn(message.ja).filter((word) => !/^(?:Enter|Shift|Slack|Kotae)$/.test(word));
      if (JAPANESE.test(message.ja) && stray.length > 3) problems.push(`${key} (ja has English): ${stray}`);
      const en = message.en.replace(/\{[^}]*\}|「[^」]*」|"[^"]*"/g, '');
      if (JAPANESE.test(en)) problems.push(`${key} (en has Japanese): ${message.en}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the console page’s own words', () => {
  it('are Japanese in Japanese and English in English, every label', async () => {
    // Plain JavaScript served to the browser; it has no types, so it is read as data here.
    // @ts-expect-error -- a browser module without type declarations
    const { MESSAGES } = (await import('../../../src/bot/console/static/js/ui-words.js')) as {
      MESSAGES: Record<'ja' | 'en', Record<string, string | string[]>>;
    };
    expect(Object.keys(MESSAGES.ja).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    const problems: string[] = [];
    for (const [key, value] of Object.entries(MESSAGES.ja)) {
      for (const ja of [value].flat()) {
        const hasLetters = /[\p{L}]/u.test(ja.replace(TECHNICAL, ''));
        if (hasLetters && !JAPANESE.test(ja)) problems.push(`${key} (ja is not Japanese): ${ja}`);
        const stray = englishIn(ja).filter((word) => !/^(?:Enter|Shift|Kotae)$/.test(word));
        if (stray.length > 0) problems.push(`${key} (ja has English): ${stray}`);
      }
    }
    for (const [key, value] of Object.entries(MESSAGES.en)) {
      for (const en of [value].flat())
        if (JAPANESE.test(en)) problems.push(`${key} (en has Japanese): ${en}`);
    }
    expect(problems).toEqual([]);
    expect(MESSAGES.en['live']).toBe('Live');
  });
});

describe('Accept-Language', () => {
  it('picks ja or en by weight, and nothing else', () => {
    expect(acceptedLocale('en-US,en;q=0.9,ja;q=0.8')).toBe('en');
    expect(acceptedLocale('fr, ja;q=0.5, en;q=0.4')).toBe('ja');
    expect(acceptedLocale('fr-FR')).toBeNull();
    expect(acceptedLocale(undefined)).toBeNull();
  });
});

let database: TestDatabase;
let kotae: Kotae;
beforeAll(async () => {
  database = await createTestDatabase('postgres');
  kotae = await startTestKotae(database, { handler: null });
});
afterAll(async () => {
  await kotae?.stop();
  await database?.drop();
});

interface ErrorPath {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  status: number;
}

const ERROR_PATHS: ErrorPath[] = [
  { name: 'invalid JSON', method: 'POST', path: '/api/console/messages', body: '{"channel": ', status: 400 },
  {
    name: 'oversize body',
    method: 'POST',
    path: '/api/console/messages',
    body: JSON.stringify({ channel: 'sales', text: 'x'.repeat(1024 * 1024 + 10) }),
    status: 413,
  },
  { name: 'null body', method: 'POST', path: '/api/console/messages', body: 'null', status: 400 },
  { name: 'array body', method: 'POST', path: '/api/console/messages', body: '[1]', status: 400 },
  { name: 'missing fields', method: 'POST', path: '/api/console/messages', body: '{"text": 5}', status: 400 },
  {
    name: 'unknown channel',
    method: 'POST',
    path: '/api/console/messages',
    body: '{"channel": "nope", "text": "hi"}',
    status: 404,
  },
  {
    name: 'empty question',
    method: 'POST',
    path: '/api/console/messages',
    body: '{"channel": "sales", "text": "  "}',
    status: 400,
  },
  { name: 'feedback null', method: 'POST', path: '/api/console/feedback', body: 'null', status: 400 },
  {
    name: 'feedback fields',
    method: 'POST',
    path: '/api/console/feedback',
    body: '{"value": 1}',
    status: 400,
  },
  { name: 'feedback JSON', method: 'POST', path: '/api/console/feedback', body: '{', status: 400 },
  { name: 'threads of no channel', method: 'GET', path: '/api/console/threads?channel=nope', status: 404 },
  { name: 'messages of no thread', method: 'GET', path: '/api/console/messages?channel=sales', status: 404 },
  { name: 'events of no channel', method: 'GET', path: '/api/console/events?channel=nope', status: 404 },
  { name: 'no such route', method: 'GET', path: '/api/console/nothing', status: 404 },
  {
    name: 'chart with a bad signature',
    method: 'GET',
    path: '/charts/00000000-0000-0000-0000-000000000000.png?exp=1&sig=x',
    status: 403,
  },
];

describe('every error path of the console API', () => {
  for (const locale of ['ja', 'en'] as const) {
    for (const route of ERROR_PATHS) {
      it(`answers ${route.name} in ${locale} (Accept-Language: ${locale})`, async () => {
        const response = await fetch(`${kotae.url}${route.path}`, {
          method: route.method,
          headers: {
            'accept-language': locale === 'ja' ? 'ja,en-US;q=0.8' : 'en-US,en;q=0.9,ja;q=0.5',
            ...(route.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(route.body !== undefined ? { body: route.body } : {}),
        });
        expect(response.status).toBe(route.status);
        const raw = await response.text();
        const error = response.headers.get('content-type')?.includes('json')
          ? String((JSON.parse(raw) as { error?: unknown }).error)
          : raw;
        expect(error).not.toMatch(/Invalid input|expected|received|: :|undefined|\[object/i);
        if (locale === 'ja') {
          expect(error, error).toMatch(JAPANESE);
          expect(englishIn(error), error).toEqual([]);
        } else {
          expect(error, error).not.toMatch(JAPANESE);
          expect(error, error).toMatch(/[A-Za-z]{3,}/);
        }
      });
    }
  }
});
