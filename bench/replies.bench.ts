/**
 * Reply conversion cost per platform: a typical answer, a 60,000-character answer and a
 * 500-row table, each converted to Slack blocks, Google Chat cards and console HTML.
 * Also what clean splitting (between words, fences balanced) costs over rendering the same
 * text in one piece, measured side by side.
 */
import type { Reply, ResultTable } from '../src/core/reply.ts';
import type { MessageContent } from '../src/core/ports/chat-platform.ts';
import { toConsoleHtml } from '../src/render/console-html.ts';
import { toChatMessages } from '../src/render/gchat-cards.ts';
import { parseMarkdown } from '../src/render/markdown.ts';
import { slackTextRenderer } from '../src/render/slack-text.ts';
import { toSlackMessages } from '../src/render/slack-blocks.ts';
import { chunkMarkdown } from '../src/render/text-chunks.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';

function table(rows: number): ResultTable {
  const prefectures = ['東京都', '大阪府', '北海道', '福岡県'];
  return {
    columns: [
      { name: 'store', type: 'STRING' },
      { name: 'prefecture', type: 'STRING' },
      { name: 'sales', type: 'INT64' },
      { name: 'growth', type: 'FLOAT64' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      `店舗 ${i + 1}`,
      prefectures[i % 4]!,
      100_000 + i * 137,
      (i % 13) / 10,
    ]),
    totalRows: rows,
    truncated: false,
  };
}

function longText(length: number): string {
  const sentences = [
    '今月の売上は東京都と大阪府の店舗で前年より増加しました。',
    'Revenue grew across stores in Tokyo and Osaka while returns fell slightly.',
    '特に渋谷店は客単価が上がっています。',
  ];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i += 1) {
    const part =
      i % 9 === 8
        ? `\`\`\`sql\n${'SELECT store, SUM(amount) FROM orders GROUP BY store;\n'.repeat(20)}\`\`\``
        : Array.from({ length: 12 }, (_, k) => sentences[(i + k) % 3]).join(' ');
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}

const provenance = {
  sql: ['SELECT 1'],
  bytesProcessed: 2 ** 31,
  rows: 20,
  durationMs: 1234,
  model: 'gpt-5-mini',
};
const actions: Reply['actions'] = [
  { kind: 'show_sql', taskId: '6f1c2b7e-0000-4000-8000-000000000001' },
  { kind: 'feedback', taskId: '6f1c2b7e-0000-4000-8000-000000000001', value: 'up' },
  { kind: 'feedback', taskId: '6f1c2b7e-0000-4000-8000-000000000001', value: 'down' },
];

const CASES: Array<{ name: string; reply: Reply; runs: number }> = [
  {
    name: 'typical',
    reply: { kind: 'answer', locale: 'ja', text: longText(600), table: table(20), provenance, actions },
    runs: 300,
  },
  {
    name: '60k-text',
    reply: { kind: 'answer', locale: 'ja', text: longText(60_000), provenance, actions },
    runs: 20,
  },
  {
    name: '500-row-table',
    reply: { kind: 'answer', locale: 'ja', text: longText(300), table: table(500), provenance, actions },
    runs: 100,
  },
];

const PLATFORMS: Array<{ name: string; convert: (content: MessageContent) => unknown }> = [
  { name: 'slack', convert: (content) => toSlackMessages(content, { maxMessages: 50 }) },
  { name: 'gchat', convert: (content) => toChatMessages(content, { maxMessages: 50 }) },
  { name: 'console', convert: (content) => toConsoleHtml(content) },
];

function time(runs: number, run: () => unknown): number[] {
  run(); // warm-up: JIT and Intl caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function bench(report: BenchReport): Promise<void> {
  for (const { name, reply, runs } of CASES) {
    for (const platform of PLATFORMS) {
      const content: MessageContent = { kind: 'reply', reply };
      const samples = time(runs, () => platform.convert(content));
      const output = platform.convert(content);
      const messages = Array.isArray(output) ? output.length : 1;
      // CSV files ride along as bytes; count their length, not their JSON-encoded form.
      const json = JSON.stringify(output, (_key, value: unknown) =>
        value instanceof Uint8Array ? value.length : value,
      );
      const bytes = Buffer.byteLength(typeof output === 'string' ? output : json);
      report({
        name: `${platform.name} ${name} median`,
        value: median(samples),
        unit: 'ms',
        note: `${messages} message(s), ${bytes} bytes`,
      });
      report({ name: `${platform.name} ${name} p99`, value: percentile(samples, 99), unit: 'ms' });
    }
  }

  // Splitting one 60,000-character paragraph into 3,000-character sections (between words,
  // Japanese included) versus rendering the same paragraph as one piece.
  const blocks = parseMarkdown(
    '今月の売上は**東京都**の店舗で増加しました。Revenue grew in Tokyo and Osaka. '.repeat(1000),
  );
  const split = time(20, () => chunkMarkdown(blocks, slackTextRenderer, 3000));
  const whole = time(20, () => chunkMarkdown(blocks, slackTextRenderer, Number.POSITIVE_INFINITY));
  report({ name: 'split a 60k paragraph into sections median', value: median(split), unit: 'ms' });
  report({ name: 'render the 60k paragraph whole median', value: median(whole), unit: 'ms' });
  report({
    name: 'split / whole',
    value: median(split) / median(whole),
    unit: '×',
    note: 'what cutting between words costs',
  });
}
