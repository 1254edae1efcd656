/**
 * Our Markdown subset, parsed once into a tiny AST that every converter (Slack mrkdwn,
 * Google Chat card HTML, console HTML) renders its own way. The model writes this subset
 * (see Reply.text); anything outside it stays literal text, never markup.
 *
 * Blocks: paragraphs, `#` headings, `- ` or `1. ` lists, `> ` quotes, ``` fences, and
 * GitHub pipe tables (models write them even when a ResultTable exists).
 * Inlines: **bold** or __bold__, *italic* or _italic_, ~~strike~~, `code`, [text](url), bare URLs.
 *
 * Links pass the LinkPolicy here, once for every converter: a URL to a host off the
 * allowlist (a link, an image, a bare URL) becomes text showing its host, never a link
 * node, so no converter can link or embed it. Images are never images: `![alt](url)` is
 * at most a link.
 */
import { defangUrls, NO_LINKS, shownUrl, type LinkPolicy } from './link-policy.ts';
import { matchEmphasis } from './markdown-emphasis.ts';

export type MdInline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: MdInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; url: string; children: MdInline[] }
  | { kind: 'break' };

export type MdBlock =
  | { kind: 'paragraph'; inlines: MdInline[] }
  | { kind: 'heading'; inlines: MdInline[] }
  | { kind: 'quote'; inlines: MdInline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: MdInline[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

export function parseMarkdown(source: string, links: LinkPolicy = NO_LINKS): MdBlock[] {
  const parseInlines = (text: string) => parseLinkedInlines(text, links);
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i += 1;
      // An unclosed fence runs to the end, as in CommonMark.
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      i += 1;
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: defangUrls(body.join('\n'), links) });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', inlines: parseInlines(heading[1]!) });
      i += 1;
      continue;
    }
    if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!)) {
      const header = splitRow(line, links);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(lines[i]!)) rows.push(splitRow(lines[i++]!, links));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      const ordered = !BULLET.test(line);
      const start = ordered ? Number(ORDERED.exec(line)![1]) : 1;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const match = ordered ? ORDERED.exec(current) : BULLET.exec(current);
        if (match) items.push(ordered ? match[2]! : match[1]!);
        else if (current.trim() !== '' && /^\s+/.test(current) && items.length > 0)
          items[items.length - 1] += `\n${current.trim()}`;
        else break;
        i += 1;
      }
      blocks.push({ kind: 'list', ordered, start, items: items.map(parseInlines) });
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ kind: 'quote', inlines: parseInlines(body.join('\n')) });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines, i))
      body.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', inlines: parseInlines(body.join('\n')) });
  }
  return blocks;
}

function startsBlock(lines: string[], i: number): boolean {
  const line = lines[i]!;
  return (
    FENCE.test(line) ||
    HEADING.test(line) ||
    BULLET.test(line) ||
    ORDERED.test(line) ||
    QUOTE.test(line) ||
    (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!))
  );
}

/** Table cells are plain text, so a URL the policy refuses is shown, not kept. */
function splitRow(line: string, links: LinkPolicy): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => defangUrls(cell.trim().replace(/\\\|/g, '|'), links));
}

// A bare URL ends at whitespace, quotes or CJK text ("https://example.comを参照"), and
// not on trailing punctuation ("see https://example.com.").
const URL_PATTERN =
  /https?:\/\/[^\s<>"'`|\u3000-\u9fff\uff00-\uffef]+[^\s<>"'`|.,;:!?)\]}\u3000-\u9fff\uff00-\uffef]/y;

/** Parses inline markup. Unclosed markers stay literal, so nothing the model wrote is lost. */
export function parseInlines(source: string, links: LinkPolicy = NO_LINKS): MdInline[] {
  return parseLinkedInlines(source, links);
}

/** A link the policy refuses: its label, then where it pointed, as text. */
function refusedLink(label: MdInline[], url: string): MdInline[] {
  const shown = shownUrl(url);
  const plain = inlinesToPlain(label);
  if (plain === '' || plain === url) return [{ kind: 'text', text: shown }];
  return [...label, { kind: 'text', text: ` (${shown})` }];
}

function parseLinkedInlines(source: string, links: LinkPolicy): MdInline[] {
  const parseInlines = (text: string) => parseLinkedInlines(text, links);
  const out: MdInline[] = [];
  let text = '';
  // Whatever stays text (a URL glued to a word, an escaped tag) still never carries a live URL.
  const flush = () => {
    if (text) out.push({ kind: 'text', text: defangUrls(text, links) });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length && /[\\`*_~[\]()#|>-]/.test(source[i + 1]!)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      flush();
      out.push({ kind: 'break' });
      i += 1;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(source.slice(i))![0];
      const close = source.indexOf(run, i + run.length);
      if (close > i) {
        flush();
        const code = source.slice(i + run.length, close).replace(/\n/g, ' ');
        out.push({ kind: 'code', text: defangUrls(code, links) });
        i = close + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    const image = ch === '!' && source[i + 1] === '[';
    if (ch === '[' || image) {
      const link = matchLink(source, image ? i + 1 : i);
      if (link) {
        flush();
        const children = parseInlines(link.text);
        if (links.allows(link.url)) out.push({ kind: 'link', url: link.url, children });
        else out.push(...refusedLink(children, link.url));
        i = link.end;
        continue;
      }
    }
    if (ch === 'h') {
      URL_PATTERN.lastIndex = i;
      const url = URL_PATTERN.exec(source);
      if (url && (i === 0 || !/[\w/]/.test(source[i - 1]!))) {
        flush();
        if (links.allows(url[0]))
          out.push({ kind: 'link', url: url[0], children: [{ kind: 'text', text: url[0] }] });
        else out.push({ kind: 'text', text: shownUrl(url[0]) });
        i += url[0].length;
        continue;
      }
    }
    const emphasis = ch === '*' || ch === '_' || ch === '~' ? matchEmphasis(source, i) : null;
    if (emphasis) {
      flush();
      out.push({
        kind: emphasis.kind,
        children: parseInlines(source.slice(emphasis.innerStart, emphasis.innerEnd)),
      });
      i = emphasis.end;
      continue;
    }
    text += ch;
    i += 1;
  }
  flush();
  return out;
}

function matchLink(source: string, start: number): { text: string; url: string; end: number } | null {
  const closeText = source.indexOf('](', start + 1);
  if (closeText < 0 || source.slice(start + 1, closeText).includes('\n')) return null;
  // The target ends at the ")" that balances: "(javascript:alert(1))" is one target.
  let depth = 0;
  let closeUrl = -1;
  for (let j = closeText + 2; j < source.length && source[j] !== '\n'; j += 1) {
    if (source[j] === '(') depth += 1;
    else if (source[j] === ')' && depth-- === 0) {
      closeUrl = j;
      break;
    }
  }
  if (closeUrl < 0) return null;
  const url = source.slice(closeText + 2, closeUrl).trim();
  // Any scheme parses as a link here, so the policy can refuse it (javascript:, data:).
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(url)) return null;
  return { text: source.slice(start + 1, closeText), url, end: closeUrl + 1 };
}

/** The text a person reads, without markup: for notification fallbacks and length counts. */
export function inlinesToPlain(inlines: MdInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
        case 'code':
          return inline.text;
        case 'break':
          return '\n';
        case 'link': {
          const label = inlinesToPlain(inline.children);
          return label === inline.url ? label : `${label} (${inline.url})`;
        }
        default:
          return inlinesToPlain(inline.children);
      }
    })
    .join('');
}

export function blocksToPlain(blocks: MdBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'code':
          return block.text;
        case 'list':
          return block.items
            .map((item, n) => `${block.ordered ? `${block.start + n}.` : '•'} ${inlinesToPlain(item)}`)
            .join('\n');
        case 'table':
          return [block.header, ...block.rows].map((row) => row.join(' | ')).join('\n');
        default:
          return inlinesToPlain(block.inlines);
      }
    })
    .join('\n\n');
}
