/**
 * A table the model writes in its text (a pipe table) also right-aligns its numbers, on the
 * console and in the monospaced tables of Slack and Google Chat. If this breaks, numbers in
 * such tables are ragged again.
 */
import { describe, expect, it } from 'vitest';
import { toConsoleHtml } from '../../src/render/console-html.ts';
import { parseMarkdown } from '../../src/render/markdown.ts';
import { slackBlock } from '../../src/render/slack-text.ts';
import { numericTextColumns } from '../../src/render/table-text.ts';

const TEXT =
  '| 都道府県 | 売上 | 構成比 |\n|---|---|---|\n| 東京都 | ¥1,234,567 | 40.1% |\n| 大阪府 | ¥98,765 | 9.9% |';

describe('numbers in a model-written table', () => {
  it('are found by column: money, counts and percentages, never names', () => {
    const [block] = parseMarkdown(TEXT);
    expect(block?.kind === 'table' && numericTextColumns(block.header, block.rows)).toEqual([
      false,
      true,
      true,
    ]);
    expect(numericTextColumns(['id'], [['A-1'], ['2']])).toEqual([false]);
  });

  it('are right-aligned on the console and in Slack’s monospaced table', () => {
    const html = toConsoleHtml({ kind: 'reply', reply: { kind: 'answer', locale: 'ja', text: TEXT } });
    expect(html).toContain('<td>東京都</td><td class="num">¥1,234,567</td><td class="num">40.1%</td>');
    const slack = slackBlock(parseMarkdown(TEXT)[0]!);
    expect(slack).toContain('大阪府   |    ¥98,765 |   9.9%');
  });
});
