/**
 * Markdown AST → the HTML subset Google Chat renders in card text
 * (https://developers.google.com/workspace/chat/format-messages#card-formatting):
 * <b>, <i>, <u>, <s>, <font color>, <a href> and <br>. Nothing else is markup there
 * (no <code>, <pre> or lists), so code is coloured and lists are bullet lines.
 *
 * Card text is HTML by default (TextParagraph.textSyntax unset); the MARKDOWN syntax is
 * newer and not what every client renders, so we stay on HTML.
 */
import type { MdBlock, MdInline } from './markdown.ts';
import { numericTextColumns, renderTextTable } from './table-text.ts';
import type { BlockRenderer } from './text-chunks.ts';

/** Colours for code and small print; Chat has no monospace in cards. */
export const CODE_COLOR = '#188038';
export const MUTED_COLOR = '#5f6368';

export function escapeChatHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TAGS = { bold: 'b', italic: 'i', strike: 's' } as const;

export function chatInlines(inlines: MdInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
          return escapeChatHtml(inline.text);
        case 'break':
          return '<br>';
        case 'code':
          return `<font color="${CODE_COLOR}">${escapeChatHtml(inline.text)}</font>`;
        case 'link':
          return chatLink(inline.url, chatInlines(inline.children));
        default: {
          const tag = TAGS[inline.kind];
          return `<${tag}>${chatInlines(inline.children)}</${tag}>`;
        }
      }
    })
    .join('');
}

/** Only http(s) and mailto links become anchors; anything else stays visible text. */
export function chatLink(url: string, labelHtml: string): string {
  if (!/^(https?:\/\/|mailto:)/i.test(url)) return labelHtml;
  return `<a href="${escapeChatHtml(url)}">${labelHtml}</a>`;
}

/** Monospaced lines in a proportional font still keep their indentation with &nbsp;. */
export function chatPreformatted(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => escapeChatHtml(line).replace(/ {2,}|^ /g, (run) => '&nbsp;'.repeat(run.length)));
  return `<font color="${CODE_COLOR}">${lines.join('<br>')}</font>`;
}

export function chatBlock(block: MdBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return chatInlines(block.inlines);
    case 'heading':
      return `<b>${chatInlines(block.inlines)}</b>`;
    case 'quote':
      return `<font color="${MUTED_COLOR}">${chatInlines(block.inlines)}</font>`;
    case 'list':
      return block.items
        .map((item, n) => `${block.ordered ? `${block.start + n}.` : '•'} ${chatInlines(item)}`)
        .join('<br>');
    case 'code':
      return chatPreformatted(block.text);
    case 'table':
      return chatPreformatted(
        renderTextTable(block.header, block.rows, numericTextColumns(block.header, block.rows)).join('\n'),
      );
  }
}

export const chatTextRenderer: BlockRenderer = { render: chatBlock, separator: '<br><br>' };
