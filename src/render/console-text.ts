/**
 * Markdown AST → HTML for the console page. Safe by construction: every piece of text
 * goes through escapeHtml, and the only tags are the ones written here; a "<script>" in
 * an answer or a cell arrives as the text "&lt;script&gt;". Link targets are limited to
 * http(s) and mailto, so "javascript:" never becomes an href.
 */
import type { MdBlock, MdInline } from './markdown.ts';
import { numericTextColumns } from './table-text.ts';
import type { BlockRenderer } from './text-chunks.ts';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const TAGS = { bold: 'strong', italic: 'em', strike: 's' } as const;

export function htmlInlines(inlines: MdInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
          return escapeHtml(inline.text);
        case 'break':
          return '<br>';
        case 'code':
          return `<code>${escapeHtml(inline.text)}</code>`;
        case 'link':
          return htmlLink(inline.url, htmlInlines(inline.children));
        default: {
          const tag = TAGS[inline.kind];
          return `<${tag}>${htmlInlines(inline.children)}</${tag}>`;
        }
      }
    })
    .join('');
}

export function htmlLink(url: string, labelHtml: string): string {
  if (!/^(https?:\/\/|mailto:)/i.test(url)) return labelHtml;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${labelHtml}</a>`;
}

export function htmlBlock(block: MdBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${htmlInlines(block.inlines)}</p>`;
    case 'heading':
      return `<h3 class="kotae-heading">${htmlInlines(block.inlines)}</h3>`;
    case 'quote':
      return `<blockquote>${htmlInlines(block.inlines)}</blockquote>`;
    case 'list': {
      const items = block.items.map((item) => `<li>${htmlInlines(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${block.start}">${items}</ol>`;
    }
    case 'code': {
      const lang = /^[\w+-]+$/.test(block.lang) ? ` class="language-${block.lang}"` : '';
      return `<pre><code${lang}>${escapeHtml(block.text)}</code></pre>`;
    }
    case 'table': {
      const numeric = numericTextColumns(block.header, block.rows);
      const cls = (c: number) => (numeric[c] ? ' class="num"' : '');
      const head = block.header.map((cell, c) => `<th${cls(c)}>${escapeHtml(cell)}</th>`).join('');
      const body = block.rows
        .map(
          (row) =>
            `<tr>${block.header.map((_, c) => `<td${cls(c)}>${escapeHtml(row[c] ?? '')}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<div class="kotae-table-scroll"><table class="kotae-md-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    }
  }
}

export const htmlTextRenderer: BlockRenderer = { render: htmlBlock, separator: '\n' };
