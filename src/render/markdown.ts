/**
 * Our Markdown subset, parsed once into a tiny AST that every converter (Slack mrkdwn,
 * Google Chat card HTML, console HTML) renders its own way. The model writes this subset
 * (see Reply.text); anything outside it stays literal text, never markup.
 *
 * Blocks: paragraphs, `#` headings, `- ` or `1. ` lists, `> ` quotes, ``` fences, and
 * GitHub pipe tables (models write them even when a ResultTable exists).
 * Inlines: **bold** or __bold__, *italic* or _italic_, ~~strike~~, `code`, [text](url), bare URLs.
 */

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

export function parseMarkdown(source: string): MdBlock[] {
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
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', inlines: parseInlines(heading[1]!) });
      i += 1;
      continue;
    }
    if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!)) {
      const header = splitRow(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(lines[i]!)) rows.push(splitRow(lines[i++]!));
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

function splitRow(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

// A bare URL ends at whitespace, quotes or CJK text ("https://example.comを参照"), and
// not on trailing punctuation ("see https://example.com.").
const URL_PATTERN =
  /https?:\/\/[^\s<>"'`|\u3000-\u9fff\uff00-\uffef]+[^\s<>"'`|.,;:!?)\]}\u3000-\u9fff\uff00-\uffef]/y;

/** Parses inline markup. Unclosed markers stay literal, so nothing the model wrote is lost. */
export function parseInlines(source: string): MdInline[] {
  const out: MdInline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
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
        out.push({ kind: 'code', text: source.slice(i + run.length, close).replace(/\n/g, ' ') });
        i = close + run.length;
        continue;
      }
      text += run;
      i += run.length;
      continue;
    }
    if (ch === '[') {
      const link = matchLink(source, i);
      if (link) {
        flush();
        out.push({ kind: 'link', url: link.url, children: parseInlines(link.text) });
        i = link.end;
        continue;
      }
    }
    if (ch === 'h') {
      URL_PATTERN.lastIndex = i;
      const url = URL_PATTERN.exec(source);
      if (url && (i === 0 || !/[\w/]/.test(source[i - 1]!))) {
        flush();
        out.push({ kind: 'link', url: url[0], children: [{ kind: 'text', text: url[0] }] });
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
  const closeUrl = source.indexOf(')', closeText + 2);
  if (closeUrl < 0) return null;
  const url = source.slice(closeText + 2, closeUrl).trim();
  if (!/^(https?:\/\/|mailto:)\S+$/.test(url)) return null;
  return { text: source.slice(start + 1, closeText), url, end: closeUrl + 1 };
}

interface EmphasisMatch {
  kind: 'bold' | 'italic' | 'strike';
  innerStart: number;
  innerEnd: number;
  end: number;
}

const DELIMITERS: Array<{ marker: string; kind: EmphasisMatch['kind'] }> = [
  { marker: '**', kind: 'bold' },
  { marker: '__', kind: 'bold' },
  { marker: '~~', kind: 'strike' },
  { marker: '*', kind: 'italic' },
  { marker: '_', kind: 'italic' },
];

function matchEmphasis(source: string, i: number): EmphasisMatch | null {
  for (const { marker, kind } of DELIMITERS) {
    if (!source.startsWith(marker, i)) continue;
    const innerStart = i + marker.length;
    // An opener must touch text: "2 * 3" is arithmetic, not emphasis.
    if (innerStart >= source.length || /\s/.test(source[innerStart]!)) continue;
    // snake_case and 2*3*4 stay literal: underscores (and single stars) open only at a word edge.
    if (marker[0] !== '~' && i > 0 && /[\p{L}\p{N}]/u.test(source[i - 1]!) && marker !== '**') continue;
    let search = innerStart;
    while (search < source.length) {
      const close = source.indexOf(marker, search);
      if (close < 0 || source.slice(innerStart, close).includes('\n\n')) break;
      const after = source[close + marker.length];
      const doubled = marker.length === 1 && after === marker;
      const edge =
        marker === '_' &&
        after !== undefined &&
        /[\p{L}\p{N}]/u.test(after) &&
        !/[\u3000-\u9fff]/u.test(after);
      if (close > innerStart && !/\s/.test(source[close - 1]!) && !doubled && !edge) {
        return { kind, innerStart, innerEnd: close, end: close + marker.length };
      }
      search = close + (doubled ? 2 : 1);
    }
  }
  return null;
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
