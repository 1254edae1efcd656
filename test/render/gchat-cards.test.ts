/**
 * Google Chat cardsV2 output. If these break, people see Chat reject the answer (a message
 * over 32,000 bytes fails whole), see sections silently vanish past 100 widgets, or see
 * raw tags and half-words in the card.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { chat_v1 } from '@googleapis/chat';
import { describe, expect, it } from 'vitest';
import { linkPolicy } from '../../src/render/link-policy.ts';
import { toChatMessages, type ChatMessage } from '../../src/render/gchat-cards.ts';
import type { Reply } from '../../src/core/reply.ts';
import { shapeProblems } from '../support/payload-shape.ts';
import { chatParagraphText, chatProblems, splitProblems, visible } from '../support/render-checks.ts';
import { FULL_ACTIONS, PROVENANCE, answer, bigTable, longAnswerText } from '../support/sample-replies.ts';

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/gchat/card-reference.json'), 'utf8'),
);

// Compile-time: our message type stays assignable to the Chat API's own Message schema.
const _typeCheck = (message: ChatMessage): chat_v1.Schema$Message => message;

function render(reply: Reply, options: Parameters<typeof toChatMessages>[1] = {}): ChatMessage[] {
  return toChatMessages({ kind: 'reply', reply }, options);
}

function expectValid(messages: ChatMessage[]) {
  expect(chatProblems(messages)).toEqual([]);
  for (const message of messages) expect(shapeProblems(message, reference.message)).toEqual([]);
}

function widgetsOf(message: ChatMessage) {
  return message.cardsV2.flatMap(({ card }) => card.sections.flatMap((section) => section.widgets));
}

describe('toChatMessages', () => {
  it('renders a full answer as a documented card: text, grid, image, provenance, buttons', () => {
    const chart = {
      spec: { type: 'bar' as const, title: 'Sales', x: 'store', y: ['sales'], data: [] },
      png: new Uint8Array([1]),
      altText: 'Sales by store',
    };
    const reply = answer(
      'en',
      'Top store: **Shibuya**, see [the dashboard](https://example.com/d?a=1&b=2).',
      {
        table: bigTable(3),
        chart,
        provenance: PROVENANCE,
        actions: FULL_ACTIONS,
      },
    );
    const messages = toChatMessages(
      {
        kind: 'reply',
        reply,
        chart: { fileId: 'c1', url: 'https://kotae.example/c/1.png?sig=x', shownInThread: false },
      },
      { links: linkPolicy(['example.com']) },
    );
    expectValid(messages);
    expect(messages).toHaveLength(1);
    const card = messages[0]!.cardsV2[0]!;
    expect(card.cardId).toBe('kotae-1');
    expect(card.card.header).toEqual({ title: 'Kotae', subtitle: 'Answer' });
    const widgets = widgetsOf(messages[0]!);
    expect(widgets[0]).toEqual({
      textParagraph: {
        text: 'Top store: <b>Shibuya</b>, see <a href="https://example.com/d?a=1&amp;b=2">the dashboard</a>.',
      },
    });
    const grid = widgets.find((widget) => 'grid' in widget)!;
    expect('grid' in grid && grid.grid.columnCount).toBe(4);
    expect('grid' in grid && grid.grid.items.slice(0, 4).map((item) => item.title)).toEqual([
      'store',
      '都道府県',
      'sales',
      'ratio',
    ]);
    // Numbers are right-aligned (END), headers included, text columns keep the default.
    expect(
      'grid' in grid && grid.grid.items.slice(0, 8).map((item) => item.textAlignment ?? 'START'),
    ).toEqual(['START', 'START', 'END', 'END', 'START', 'START', 'END', 'END']);
    expect(widgets).toContainEqual({
      image: { imageUrl: 'https://kotae.example/c/1.png?sig=x', altText: 'Sales by store' },
    });
    const buttons = widgets.find((widget) => 'buttonList' in widget)!;
    expect('buttonList' in buttons && buttons.buttonList.buttons.map((b) => b.onClick.action)).toEqual([
      { function: 'kotae_show_sql', parameters: [{ key: 'taskId', value: 'task-123' }] },
      {
        function: 'kotae_feedback',
        parameters: [
          { key: 'taskId', value: 'task-123' },
          { key: 'value', value: 'up' },
        ],
      },
      {
        function: 'kotae_feedback',
        parameters: [
          { key: 'taskId', value: 'task-123' },
          { key: 'value', value: 'down' },
        ],
      },
      // Opens the Subscribe dialog (a classic Chat app's card button).
      {
        function: 'kotae_subscribe',
        parameters: [{ key: 'taskId', value: 'task-123' }],
        interaction: 'OPEN_DIALOG',
      },
    ]);
    expect(messages[0]!.fallbackText).toBe(
      // The notification line is plain text: it shows where a link points, never a live URL.
      'Top store: Shibuya, see the dashboard (example[.]com/…).',
    );
  });

  it('speaks Japanese and English with the same layout for the same reply', () => {
    const base = { table: bigTable(30), provenance: PROVENANCE, actions: FULL_ACTIONS };
    const ja = render(answer('ja', '売上は**渋谷店**が一位です。', base));
    const en = render(answer('en', '売上は**渋谷店**が一位です。', base));
    expectValid(ja);
    expectValid(en);
    const layout = (messages: ChatMessage[]) =>
      messages.map((m) => widgetsOf(m).map((w) => Object.keys(w)[0]));
    expect(layout(ja)).toEqual(layout(en));
    expect(JSON.stringify(ja)).toContain('ほか 10 行');
    expect(JSON.stringify(ja)).toContain('👍 役に立った');
    expect(JSON.stringify(en)).toContain('10 more rows');
    expect(JSON.stringify(en)).toContain('👍 Helpful');
    expect(ja[0]!.cardsV2[0]!.card.header.subtitle).toBe('回答');
  });

  it('escapes HTML and never turns a javascript: target into a link', () => {
    const reply = answer(
      'en',
      '<script>alert(1)</script> [x](javascript:alert(1)) <a href="https://evil">y</a>',
      {
        table: {
          columns: [{ name: '<img src=x onerror=alert(1)>', type: 'STRING' }],
          rows: [['<b>cell</b>']],
          totalRows: 1,
          truncated: false,
        },
      },
    );
    const messages = render(reply);
    expectValid(messages);
    const paragraph = widgetsOf(messages[0]!)[0]!;
    expect('textParagraph' in paragraph && paragraph.textParagraph.text).toBe(
      // No link at all: the javascript: target and the host off the allowlist show as text.
      '&lt;script&gt;alert(1)&lt;/script&gt; x (javascript:…) &lt;a href=&quot;evil&quot;&gt;y&lt;/a&gt;',
    );
    // Grid item titles are plain text in Chat, so they carry the cell as written.
    expect(JSON.stringify(messages)).toContain('"title":"<b>cell</b>"');
  });

  it('splits a 60,000-character answer into messages under 32,000 bytes, every word kept in order', () => {
    const text = longAnswerText(60_000);
    const messages = render(answer('ja', text, { provenance: PROVENANCE, actions: FULL_ACTIONS }), {
      maxMessages: 50,
    });
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const paragraphs = chatParagraphText(messages).filter((p) => !p.startsWith('処理量'));
    expect(splitProblems(paragraphs, text)).toEqual([]);
    expect(messages.map((m) => m.cardsV2[0]!.card.header.subtitle)).toEqual(
      messages.map((_, i) => `回答 （${i + 1}/${messages.length}）`),
    );
  });

  it('splits a 40 KB card of Japanese text into messages under 32,000 bytes', () => {
    const text = '東京都の店舗の売上は前年より増加しました。'.repeat(700);
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(40_000);
    const messages = render(answer('ja', text, { table: bigTable(20), actions: FULL_ACTIONS }));
    expectValid(messages);
    expect(messages).toHaveLength(2);
    const paragraphs = chatParagraphText(messages).filter((p) => p.includes('東京都の店舗'));
    expect(visible(paragraphs.join(''))).toBe(visible(text));
    // Cuts fall at sentence ends.
    for (const paragraph of paragraphs) expect(paragraph.endsWith('。')).toBe(true);
  });

  it('cuts an answer past the message cap with a note, keeping table and buttons', () => {
    const messages = render(
      answer('en', longAnswerText(200_000, 5), { table: bigTable(40), actions: FULL_ACTIONS }),
      { maxMessages: 2 },
    );
    expectValid(messages);
    expect(messages).toHaveLength(2);
    const json = JSON.stringify(messages);
    expect(json).toMatch(/The answer was too long: the remaining [\d,]+ characters or so were left out\./);
    expect(json).toContain('"grid"');
    expect(json).toContain('kotae_feedback');
  });

  it('summarises a 500-row table as a 6-column grid and links the CSV when the caller serves one', () => {
    const messages = render(
      answer('ja', '店舗別です。', { table: bigTable(500, 9), actions: FULL_ACTIONS }),
      {
        csvUrl: 'https://kotae.example/csv/task-123?sig=abc',
      },
    );
    expectValid(messages);
    const widgets = messages.flatMap(widgetsOf);
    const grid = widgets.find((widget) => 'grid' in widget)!;
    expect('grid' in grid && grid.grid.columnCount).toBe(6);
    expect('grid' in grid && grid.grid.items).toHaveLength(21 * 6);
    const json = JSON.stringify(messages);
    expect(json).toContain('ほか 480 行');
    expect(json).toContain('ほか 3 列は省略');
    expect(widgets).toContainEqual({
      buttonList: {
        buttons: [
          {
            text: 'CSV をダウンロード（500 行）',
            onClick: { openLink: { url: 'https://kotae.example/csv/task-123?sig=abc' } },
          },
        ],
      },
    });
    const withoutUrl = JSON.stringify(render(answer('ja', '店舗別です。', { table: bigTable(500) })));
    expect(withoutUrl).toContain('ここでは全件を表示できません。');
  });

  it('shows the chart only by an https URL Chat can fetch', () => {
    const chart = {
      spec: { type: 'line' as const, title: '推移', x: 'month', y: ['sales'], data: [] },
      png: new Uint8Array([1]),
      altText: '',
    };
    const noUrl = render(answer('ja', 'グラフ', { chart }));
    expectValid(noUrl);
    expect(JSON.stringify(noUrl)).toContain('グラフ画像を表示できませんでした（グラフ: 推移）。');
    const http = toChatMessages(
      { kind: 'reply', reply: answer('ja', 'グラフ', { chart }) },
      { chartUrl: 'http://insecure/c.png' },
    );
    expect(JSON.stringify(http)).not.toContain('"image"');
  });

  it('renders status as one card with the newest steps that fit', () => {
    const steps = Array.from({ length: 3000 }, (_, i) => `⏳ ステップ ${i} <調査中>`);
    const messages = toChatMessages({ kind: 'status', text: '考え中…', steps });
    expect(messages).toHaveLength(1);
    expectValid(messages);
    const card = messages[0]!.cardsV2[0]!.card;
    expect(card.header).toEqual({ title: '考え中…', subtitle: '処理中' });
    const text = chatParagraphText(messages)[0]!;
    expect(text.startsWith('（それ以前の')).toBe(true);
    expect(text.endsWith('⏳ ステップ 2999 <調査中>')).toBe(true);
  });

  it('marks an error and never sends an empty card', () => {
    const [error] = render({ kind: 'error', locale: 'ja', text: 'クエリが拒否されました。' });
    expectValid([error!]);
    expect(error!.cardsV2[0]!.card.header.subtitle).toBe('エラー');
    expect(chatParagraphText([error!])).toEqual(['⚠️ クエリが拒否されました。']);
    const [empty] = render(answer('en', ''));
    expectValid([empty!]);
    expect(chatParagraphText([empty!])).toEqual(['(The answer has no text.)']);
  });
});
