/**
 * Deterministic replies for converter tests: long mixed-language answers, wide and tall
 * tables. Plain words only (no markup inside prose), so the visible text read back out of
 * a converter's output can be compared with the source exactly.
 */
import type { CellValue, Reply, ReplyAction, ResultTable } from '../../src/core/reply.ts';
import type { Locale } from '../../src/core/locale.ts';

const EN = [
  'revenue',
  'grew',
  'across',
  'stores',
  'in',
  'Tokyo',
  'and',
  'Osaka',
  'while',
  'returns',
  'fell',
  'slightly',
  'compared',
  'with',
  'the',
  'previous',
  'quarter',
];
const JA = [
  '今月の売上は',
  '東京都と',
  '大阪府の',
  '店舗で',
  '前年より',
  '増加しました',
  '返品率は',
  'わずかに',
  '下がっています',
  '特に',
  '渋谷店が',
  '好調です',
];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next: () => number, language: 'en' | 'ja'): string {
  const words = language === 'en' ? EN : JA;
  const count = 6 + Math.floor(next() * 10);
  const picked = Array.from({ length: count }, () => words[Math.floor(next() * words.length)]!);
  return language === 'en' ? `${picked.join(' ')}.` : `${picked.join('')}。`;
}

/** Paragraphs in both languages, a list and code blocks, about `length` characters. */
export function longAnswerText(length: number, seed = 7): string {
  const next = random(seed);
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  while (size < length) {
    n += 1;
    let part: string;
    if (n % 7 === 0) {
      const lines = Array.from(
        { length: 10 + Math.floor(next() * 30) },
        (_, i) => `SELECT store_id, SUM(amount) AS total_${i} FROM orders GROUP BY store_id;`,
      );
      part = `\`\`\`sql\n${lines.join('\n')}\n\`\`\``;
    } else if (n % 5 === 0) {
      part = Array.from({ length: 4 }, () => `- ${sentence(next, 'en')}`).join('\n');
    } else {
      const language = n % 2 === 0 ? 'ja' : 'en';
      part = Array.from({ length: 3 + Math.floor(next() * 12) }, () => sentence(next, language)).join(
        language === 'en' ? ' ' : '',
      );
    }
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}

export function bigTable(rowCount: number, columnCount = 4): ResultTable {
  const columns = [
    { name: 'store', type: 'STRING' },
    { name: '都道府県', type: 'STRING' },
    { name: 'sales', type: 'INT64' },
    { name: 'ratio', type: 'FLOAT64' },
    ...Array.from({ length: Math.max(0, columnCount - 4) }, (_, i) => ({
      name: `extra_${i + 1}`,
      type: 'STRING',
    })),
  ].slice(0, columnCount);
  const rows: CellValue[][] = Array.from({ length: rowCount }, (_, r) =>
    columns.map((column, c) =>
      c === 0
        ? `店舗 ${r + 1}`
        : c === 1
          ? ['東京都', '大阪府', '北海道'][r % 3]!
          : c === 2
            ? r * 1000 + 7
            : c === 3
              ? r / 7
              : `value ${r}-${c}`,
    ),
  );
  return { columns, rows, totalRows: rowCount, truncated: false };
}

export function answer(locale: Locale, text: string, extra: Partial<Reply> = {}): Reply {
  return { kind: 'answer', locale, text, ...extra };
}

export const FULL_ACTIONS: ReplyAction[] = [
  { kind: 'show_sql', taskId: 'task-123' },
  { kind: 'feedback', taskId: 'task-123', value: 'up' },
  { kind: 'feedback', taskId: 'task-123', value: 'down' },
];

export const PROVENANCE: NonNullable<Reply['provenance']> = {
  sql: ['SELECT store, SUM(amount) AS sales FROM orders GROUP BY store ORDER BY sales DESC'],
  bytesProcessed: 3 * 1024 ** 3,
  rows: 20,
  durationMs: 1840,
  model: 'gpt-5-mini',
};
