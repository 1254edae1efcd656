/**
 * The Markdown subset the model writes. If parsing breaks, answers show stray ** and
 * backticks, snake_case column names turn italic, or a sentence after a URL gets
 * swallowed into the link.
 */
import { describe, expect, it } from 'vitest';
import { blocksToPlain, parseInlines, parseMarkdown } from '../../src/render/markdown.ts';
import { linkPolicy } from '../../src/render/link-policy.ts';

describe('parseMarkdown', () => {
  it('reads paragraphs, headings, lists, quotes, fences and pipe tables', () => {
    const blocks = parseMarkdown(
      '# 結果\n\n売上は**増加**しました。\n次の行\n\n- 東京\n- 大阪\n\n3. third\n4. fourth\n\n> note\n\n```sql\nSELECT 1\n```\n\n| 店舗 | 売上 |\n|---|---:|\n| 渋谷 | 100 |',
    );
    expect(blocks.map((block) => block.kind)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'quote',
      'code',
      'table',
    ]);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: '売上は' },
        { kind: 'bold', children: [{ kind: 'text', text: '増加' }] },
        { kind: 'text', text: 'しました。' },
        { kind: 'break' },
        { kind: 'text', text: '次の行' },
      ],
    });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true, start: 3 });
    expect(blocks[5]).toEqual({ kind: 'code', lang: 'sql', text: 'SELECT 1' });
    expect(blocks[6]).toEqual({ kind: 'table', header: ['店舗', '売上'], rows: [['渋谷', '100']] });
  });

  it('keeps an unclosed fence as code to the end rather than losing it', () => {
    expect(parseMarkdown('```\nSELECT 1\nFROM t')).toEqual([
      { kind: 'code', lang: '', text: 'SELECT 1\nFROM t' },
    ]);
  });
});

describe('parseInlines', () => {
  it('leaves snake_case, arithmetic and unclosed markers as literal text', () => {
    expect(parseInlines('total_sales_amount and 2 * 3 * 4 and **open')).toEqual([
      { kind: 'text', text: 'total_sales_amount and 2 * 3 * 4 and **open' },
    ]);
  });

  it('reads italic, strike, code with backticks inside, and escapes', () => {
    expect(parseInlines('_a_ *b* ~~c~~ ``x ` y`` \\*d\\*')).toEqual([
      { kind: 'italic', children: [{ kind: 'text', text: 'a' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'x ` y' },
      { kind: 'text', text: ' *d*' },
    ]);
  });

  it('links only http(s) targets on the allowlist, and ends bare URLs before punctuation and Japanese', () => {
    const links = linkPolicy(['example.com']);
    expect(parseInlines('[a](javascript:alert(1))', links)).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'text', text: ' (javascript:…)' },
    ]);
    expect(parseInlines('詳細は https://example.com/x?y=1を参照。', links)).toEqual([
      { kind: 'text', text: '詳細は ' },
      {
        kind: 'link',
        url: 'https://example.com/x?y=1',
        children: [{ kind: 'text', text: 'https://example.com/x?y=1' }],
      },
      { kind: 'text', text: 'を参照。' },
    ]);
    expect(parseInlines('(see https://example.com/a).', links)[1]).toMatchObject({
      url: 'https://example.com/a',
    });
  });

  it('gives the plain text a notification shows', () => {
    expect(
      blocksToPlain(parseMarkdown('**Top**: [Shibuya](https://e.x/s)\n\n- a\n- b', linkPolicy(['e.x']))),
    ).toBe('Top: Shibuya (https://e.x/s)\n\n• a\n• b');
  });
});
