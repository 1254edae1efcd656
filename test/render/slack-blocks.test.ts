/**
 * Slack Block Kit output. If these break, people see Slack reject the whole answer
 * (invalid_blocks, msg_too_long), see it cut mid-word or mid-code-block, or get pinged by
 * "<!channel>" text the model echoed from the data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { linkPolicy } from '../../src/render/link-policy.ts';
import { toSlackMessages, type SlackMessage } from '../../src/render/slack-blocks.ts';
import { parseMarkdown, blocksToPlain } from '../../src/render/markdown.ts';
import type { Reply } from '../../src/core/reply.ts';
import { shapeProblems } from '../support/payload-shape.ts';
import {
  firstDifference,
  slackProblems,
  slackSectionText,
  visible,
  splitProblems,
} from '../support/render-checks.ts';
import { FULL_ACTIONS, PROVENANCE, answer, bigTable, longAnswerText } from '../support/sample-replies.ts';

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/slack/block-kit-reference.json'), 'utf8'),
);

// Compile-time: our block types stay assignable to Slack's own. If this stops compiling,
// a block we send no longer matches @slack/types and Slack would likely reject it.
const _typeCheck = (message: SlackMessage): KnownBlock[] => message.blocks;

function render(reply: Reply, options: Parameters<typeof toSlackMessages>[1] = {}): SlackMessage[] {
  return toSlackMessages({ kind: 'reply', reply }, options);
}

function expectValid(messages: SlackMessage[]) {
  expect(slackProblems(messages)).toEqual([]);
  for (const message of messages) {
    expect(
      shapeProblems(
        { ...message, files: undefined },
        { ...reference.message, blocks: reference.blocks, files: undefined },
      ),
    ).toEqual([]);
  }
}

describe('toSlackMessages', () => {
  it('renders a full answer as documented Block Kit: text, table, provenance, buttons', () => {
    const reply = answer('en', 'Top store: **Shibuya**. See [the dashboard](https://example.com/d).', {
      table: bigTable(5),
      provenance: PROVENANCE,
      actions: FULL_ACTIONS,
    });
    const messages = render(reply, { links: linkPolicy(['example.com']) });
    expectValid(messages);
    expect(messages).toHaveLength(1);
    const blocks = messages[0]!.blocks;
    expect(blocks.map((block) => block.type)).toEqual(['section', 'table', 'context', 'actions']);
    expect(blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Top store: *Shibuya*. See <https://example.com/d|the dashboard>.' },
    });
    const actions = blocks[3]!;
    expect(actions.type === 'actions' && actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      ['kotae_show_sql', 'task-123'],
      ['kotae_feedback_up', 'task-123'],
      ['kotae_feedback_down', 'task-123'],
      ['kotae_subscribe', 'task-123'],
    ]);
    expect(messages[0]!.files).toBeUndefined();
    expect(messages[0]!.text).toContain('Top store: Shibuya');
  });

  it('speaks Japanese and English with the same layout for the same reply', () => {
    const base = { table: bigTable(30), provenance: PROVENANCE, actions: FULL_ACTIONS };
    const ja = render(answer('ja', '売上は**渋谷店**が一位です。', base));
    const en = render(answer('en', '売上は**渋谷店**が一位です。', base));
    expectValid(ja);
    expectValid(en);
    expect(ja.map((m) => m.blocks.map((b) => b.type))).toEqual(en.map((m) => m.blocks.map((b) => b.type)));
    const words = (messages: SlackMessage[]) => JSON.stringify(messages.map((m) => m.blocks.slice(1)));
    expect(words(ja)).toContain('SQL を表示');
    expect(words(ja)).toContain('ほか 10 行');
    expect(words(ja)).toContain('処理量 3 GB');
    expect(words(en)).toContain('Show SQL');
    expect(words(en)).toContain('10 more rows');
    expect(words(en)).toContain('3 GB scanned');
    expect(words(en)).not.toMatch(/[\u3040-\u30ff]/);
    // Slack needs a word edge at a style marker; Japanese has none, so a zero-width space makes one.
    expect(ja[0]!.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '売上は\u200B*渋谷店*\u200Bが一位です。' },
    });
  });

  it('escapes &, < and > so answer text can never ping a channel or forge a link', () => {
    const reply = answer('en', 'Data said <!channel> & <@U123> <https://evil.example|click> and `a < b`', {
      table: {
        columns: [{ name: '<b>', type: 'STRING' }],
        rows: [['<!here>']],
        totalRows: 1,
        truncated: false,
      },
    });
    const [message] = render(reply, { tableStyle: 'code' });
    expectValid([message!]);
    const section = message!.blocks[0]!;
    expect(section.type === 'section' && section.text.text).toBe(
      // The bare URL to a host off the allowlist is text showing its host, never a link.
      'Data said &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;evil[.]example|click&gt; and `a &lt; b`',
    );
    expect(JSON.stringify(message!.blocks)).not.toMatch(/<[!@#]/);
    expect(message!.text).not.toMatch(/<[!@#]/);
    const table = message!.blocks[1]!;
    expect(table.type === 'section' && table.text.text).toContain('&lt;!here&gt;');
  });

  it('keeps link targets intact: a "|" or ">" in a URL cannot end the link early', () => {
    const [message] = render(answer('en', '[report](https://example.com/a?x=1|2&y=>3)'), {
      links: linkPolicy(['example.com']),
    });
    const section = message!.blocks[0]!;
    expect(section.type === 'section' && section.text.text).toBe(
      '<https://example.com/a?x=1%7C2&amp;y=%3E3|report>',
    );
  });

  it('splits a 60,000-character answer cleanly, keeping every word in order', () => {
    const text = longAnswerText(60_000);
    expect(text.length).toBeGreaterThanOrEqual(60_000);
    const messages = render(answer('en', text, { provenance: PROVENANCE, actions: FULL_ACTIONS }), {
      maxMessages: 50,
    });
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const sections = slackSectionText(messages);
    // Nothing lost or reordered, and no cut inside a word.
    expect(splitProblems(sections, text)).toEqual([]);
    // Buttons come last, once.
    expect(messages.flatMap((m) => m.blocks).filter((b) => b.type === 'actions')).toHaveLength(1);
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
    expect(messages.slice(1).every((m) => m.text.startsWith('Continued'))).toBe(true);
  });

  it('cuts an answer past the message cap with a note saying how much was left out', () => {
    const text = longAnswerText(120_000, 3);
    const messages = render(answer('ja', text, { actions: FULL_ACTIONS }), { maxMessages: 3 });
    expectValid(messages);
    expect(messages).toHaveLength(3);
    const kept = visible(slackSectionText(messages).join(''));
    const source = visible(blocksToPlain(parseMarkdown(text)));
    expect(firstDifference(kept, source.slice(0, kept.length))).toBeNull();
    expect(kept.length).toBeLessThan(source.length);
    const note = JSON.stringify(messages.flatMap((m) => m.blocks));
    expect(note).toMatch(/回答が長すぎるため、ここから先の約 [\d,]+ 文字を省略しました。/);
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
  });

  it('spreads 80 blocks of content over messages of at most 50 blocks and 13k JSON', () => {
    const code = Array.from({ length: 80 }, (_, i) => `\`\`\`\n${`-- block ${i}\n`.repeat(160)}\`\`\``).join(
      '\n\n',
    );
    const messages = render(answer('en', code), { maxMessages: 80 });
    expectValid(messages);
    expect(messages.flatMap((m) => m.blocks)).toHaveLength(80);
    expect(slackSectionText(messages).map((s) => /-- block (\d+)/.exec(s)![1])).toEqual(
      Array.from({ length: 80 }, (_, i) => String(i)),
    );
  });

  it('cuts an oversized code block between lines, each piece fenced', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `SELECT ${i} AS n, 'row ${i}' AS label FROM dual;`);
    const messages = render(answer('en', `\`\`\`sql\n${lines.join('\n')}\n\`\`\``), { maxMessages: 20 });
    expectValid(messages);
    const sections = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections)
      expect(section.type === 'section' && section.text.text).toMatch(/^```\n[\s\S]*\n```$/);
    expect(slackSectionText(messages).join('\n').split('\n').filter(Boolean)).toEqual(lines);
  });

  it('summarises a 500-row table and attaches all rows as a CSV file', () => {
    const messages = render(
      answer('ja', '上位の店舗です。', { table: bigTable(500), actions: FULL_ACTIONS }),
    );
    expectValid(messages);
    const all = messages.flatMap((m) => m.blocks);
    const table = all.find((b) => b.type === 'table')!;
    expect(table.type === 'table' && table.rows).toHaveLength(21);
    expect(JSON.stringify(all)).toContain('ほか 480 行');
    expect(JSON.stringify(all)).toContain(
      '全 500 行は添付の CSV ファイル（kotae-result-task-123.csv）にあります。',
    );
    const withFile = messages.filter((m) => m.files);
    expect(withFile).toHaveLength(1);
    const file = withFile[0]!.files![0]!;
    expect(file.filename).toBe('kotae-result-task-123.csv');
    expect(file.mimeType).toBe('text/csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.content);
    expect(csv.startsWith('\uFEFFstore,都道府県,sales,ratio\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(501);
  });

  it('falls back to a monospaced table that fits one section, dropping columns past the width', () => {
    const wide = bigTable(500, 12);
    const messages = render(answer('en', 'Wide.', { table: wide }), { tableStyle: 'code' });
    expectValid(messages);
    const section = messages[0]!.blocks[1]!;
    expect(section.type === 'section' && section.text.text.startsWith('```\nstore')).toBe(true);
    expect(JSON.stringify(messages[0]!.blocks)).toMatch(/\d+ more columns not shown/);
  });

  it('keeps a table of huge cells inside the per-message JSON budget', () => {
    const table = bigTable(20, 20);
    for (const row of table.rows) row.fill('長い値'.repeat(200));
    const messages = render(answer('ja', '表です。', { table }));
    expectValid(messages);
    expect(JSON.stringify(messages.flatMap((m) => m.blocks))).toContain('長いセルは途中で切っています。');
  });

  it('embeds the chart by public URL, by Slack file, or not at all when the upload shows itself', () => {
    const chart = {
      spec: { type: 'bar' as const, title: 'Sales', x: 'store', y: ['sales'], data: [] },
      png: new Uint8Array([1]),
      altText: 'Sales by store',
    };
    const reply = answer('en', 'Chart below.', { chart });
    const byUrl = toSlackMessages({ kind: 'reply', reply }, { chartUrl: 'https://kotae.example/c/1.png' });
    expectValid(byUrl);
    expect(byUrl[0]!.blocks[1]).toEqual({
      type: 'image',
      image_url: 'https://kotae.example/c/1.png',
      alt_text: 'Sales by store',
    });
    const byFile = toSlackMessages({ kind: 'reply', reply, chart: { fileId: 'F42', shownInThread: false } });
    expectValid(byFile);
    expect(byFile[0]!.blocks[1]).toEqual({
      type: 'image',
      slack_file: { id: 'F42' },
      alt_text: 'Sales by store',
    });
    const shown = toSlackMessages({
      kind: 'reply',
      reply,
      chart: { fileId: 'F42', url: 'https://files.slack.com/x', shownInThread: true },
    });
    expect(shown[0]!.blocks.map((b) => b.type)).toEqual(['section']);
  });

  it('renders status as one message with the newest steps that fit', () => {
    const steps = Array.from({ length: 400 }, (_, i) => `✅ step ${i} <done>`);
    const [status, ...rest] = toSlackMessages({ kind: 'status', text: '考え中…', steps });
    expect(rest).toEqual([]);
    expectValid([status!]);
    const body = status!.blocks[1]!;
    expect(body.type === 'section' && body.text.text).toMatch(/^（それ以前の \d+ 手順は省略）\n/);
    expect(body.type === 'section' && body.text.text.endsWith('✅ step 399 &lt;done&gt;')).toBe(true);
  });

  it('marks an error and never sends an empty message', () => {
    const [error] = render({ kind: 'error', locale: 'en', text: 'The query was refused.' });
    expect(error!.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':warning: The query was refused.' },
    });
    expect(error!.text).toBe('⚠️ The query was refused.');
    const [empty] = render(answer('ja', '   '));
    expectValid([empty!]);
    expect(empty!.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '（回答の本文はありません）' },
    });
  });
});
