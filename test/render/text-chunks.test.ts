/**
 * Cutting rendered Markdown to a size. If this breaks, a platform rejects an oversized
 * block, or a reader sees a word, a link or a code fence cut in half.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/render/markdown.ts';
import { linkPolicy } from '../../src/render/link-policy.ts';
import { slackTextRenderer } from '../../src/render/slack-text.ts';
import { chatTextRenderer } from '../../src/render/gchat-text.ts';
import { chunkMarkdown, utf8Length } from '../../src/render/text-chunks.ts';

describe('chunkMarkdown', () => {
  it('packs small blocks together and keeps them whole', () => {
    expect(chunkMarkdown(parseMarkdown('one\n\ntwo\n\nthree'), slackTextRenderer, 12)).toEqual([
      'one\n\ntwo',
      'three',
    ]);
  });

  it('cuts a long paragraph between words and keeps styles on both sides', () => {
    const chunks = chunkMarkdown(
      parseMarkdown(`**${'alpha beta gamma '.repeat(20).trim()}**`),
      slackTextRenderer,
      60,
    );
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(60);
      expect(chunk).toMatch(/^\*(alpha|beta|gamma)( (alpha|beta|gamma))*\*$/);
    }
  });

  it('cuts Japanese between words, preferring the end of a sentence', () => {
    const text = '東京都の売上は前年より増加しました。大阪府の売上は横ばいでした。'.repeat(10);
    const chunks = chunkMarkdown(parseMarkdown(text), chatTextRenderer, 300, utf8Length);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) {
      expect(utf8Length(chunk)).toBeLessThanOrEqual(300);
      expect(chunk.endsWith('。')).toBe(true);
    }
  });

  it('never cuts a link, and cuts a link too long for any chunk at character boundaries as text', () => {
    const chunks = chunkMarkdown(
      parseMarkdown(
        `see [the report](https://example.com/${'a'.repeat(30)}) now`,
        linkPolicy(['example.com']),
      ),
      slackTextRenderer,
      70,
    );
    expect(chunks.some((chunk) => chunk.includes(`<https://example.com/${'a'.repeat(30)}|the report>`))).toBe(
      true,
    );
    const huge = chunkMarkdown(
      parseMarkdown(`https://example.com/${'b'.repeat(500)}`, linkPolicy(['example.com'])),
      slackTextRenderer,
      100,
    );
    for (const chunk of huge) expect(chunk.length).toBeLessThanOrEqual(100);
    expect(huge.join('')).toContain('b'.repeat(50));
  });

  it('re-fences each piece of a long code block and repeats a table header', () => {
    const code = chunkMarkdown(
      parseMarkdown(`\`\`\`\n${Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n')}\n\`\`\``),
      slackTextRenderer,
      100,
    );
    for (const chunk of code) expect(chunk).toMatch(/^```\n(line \d+\n)*line \d+\n```$/);
    const table = chunkMarkdown(
      parseMarkdown(`| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(30)}`),
      slackTextRenderer,
      80,
    );
    expect(table.length).toBeGreaterThan(1);
    for (const chunk of table) expect(chunk.startsWith('```\na | b\n')).toBe(true);
  });

  it('splits a long list item into the item and continuation paragraphs', () => {
    const chunks = chunkMarkdown(
      parseMarkdown(`- short\n- ${'word '.repeat(40).trim()}`),
      slackTextRenderer,
      60,
    );
    expect(chunks[0]).toMatch(/^• short/);
    expect(chunks.join('\n')).toContain('• word');
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(60);
  });
});
