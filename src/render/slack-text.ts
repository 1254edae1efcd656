/**
 * Markdown AST → Slack mrkdwn (https://docs.slack.dev/messaging/formatting-message-text).
 *
 * - Escape &, < and > as &amp; &lt; &gt; everywhere: Slack reads "<...>" as a link or a
 *   mention, so "<!channel>" in an answer must never reach it unescaped.
 * - *bold*, _italic_, ~strike~, `code`, ```block```, <url|label>; no headings, so a
 *   heading is bold.
 * - Slack only sees a style marker at a word edge: "これは*重要*です" stays literal. A
 *   zero-width space between a marker and a letter gives it the edge it needs.
 */
import type { MdBlock, MdInline } from './markdown.ts';
import { numericTextColumns, renderTextTable } from './table-text.ts';
import type { BlockRenderer } from './text-chunks.ts';

const ZWSP = '\u200B';
const MARKERS = { bold: '*', italic: '_', strike: '~' } as const;
const FLAGS = { bold: 1, italic: 2, strike: 4 } as const;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders inlines; `inside` holds the styles already open (bit flags), which must not nest again. */
export function slackInlines(inlines: MdInline[], inside = 0): string {
  let out = '';
  // The last character, kept aside: reading it from `out` would flatten the string each time.
  let last = '';
  let closedMarker = false;
  const append = (piece: string, opensWithMarker: boolean, closesWithMarker: boolean) => {
    if (piece === '') return;
    const gap =
      (opensWithMarker && (closedMarker || WORD_CHAR.test(last))) ||
      (closedMarker && WORD_CHAR.test(piece[0]!));
    out += (gap ? ZWSP : '') + piece;
    last = piece.at(-1)!;
    closedMarker = closesWithMarker;
  };
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        append(escapeSlack(inline.text), false, false);
        break;
      case 'break':
        append('\n', false, false);
        break;
      case 'code':
        // Slack has no escape for a backtick inside code; a look-alike keeps the span whole.
        append(`\`${escapeSlack(inline.text.replace(/`/g, 'ˋ'))}\``, true, true);
        break;
      case 'link':
        append(slackLink(inline.url, plainText(inline.children)), false, false);
        break;
      default: {
        const marker = MARKERS[inline.kind];
        const flag = FLAGS[inline.kind];
        const body = slackInlines(inline.children, inside | flag);
        if (inside & flag || body.trim() === '') {
          append(body, false, false);
          break;
        }
        // Markers must touch the text: "* bold *" is not bold, so spaces move outside.
        const lead = /^\s*/.exec(body)![0];
        const trail = /\s*$/.exec(body)![0];
        if (lead) append(lead, false, false);
        append(`${marker}${body.trim()}${marker}`, true, true);
        if (trail) append(trail, false, false);
      }
    }
  }
  return out;
}

function plainText(inlines: MdInline[]): string {
  return inlines
    .map((inline) =>
      inline.kind === 'text' || inline.kind === 'code'
        ? inline.text
        : inline.kind === 'break'
          ? ' '
          : plainText(inline.children),
    )
    .join('');
}

/** <url|label>: a "|" or ">" in the URL would end it early, so they are percent-encoded. */
export function slackLink(url: string, label: string): string {
  const safeUrl = escapeSlack(url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C'));
  return label && label !== url ? `<${safeUrl}|${escapeSlack(label)}>` : `<${safeUrl}>`;
}

/** A fenced block. Three backticks inside the code would close it early, so they are broken up. */
export function slackCodeBlock(text: string): string {
  return `\`\`\`\n${escapeSlack(text).replace(/```/g, `\`\`${ZWSP}\``)}\n\`\`\``;
}

export function slackBlock(block: MdBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return slackInlines(block.inlines);
    case 'heading':
      return slackInlines([{ kind: 'bold', children: block.inlines }]);
    case 'quote':
      return slackInlines(block.inlines)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list':
      return block.items
        .map((item, n) => {
          const bullet = block.ordered ? `${block.start + n}.` : '•';
          return `${bullet} ${slackInlines(item).replace(/\n/g, '\n   ')}`;
        })
        .join('\n');
    case 'code':
      return slackCodeBlock(block.text);
    case 'table':
      return slackCodeBlock(
        renderTextTable(block.header, block.rows, numericTextColumns(block.header, block.rows)).join('\n'),
      );
  }
}

export const slackTextRenderer: BlockRenderer = { render: slackBlock, separator: '\n\n' };
