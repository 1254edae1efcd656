/**
 * Cuts parsed Markdown into rendered chunks that each fit a size limit (Slack's 3,000
 * characters per section, a byte budget per Google Chat paragraph). The rules a reader
 * relies on:
 *
 * - blocks are packed whole when they fit;
 * - a block too big on its own is cut between words (Intl.Segmenter, so Japanese is cut
 *   between words too), preferably at a sentence end, never inside a word, a link or
 *   an escape sequence;
 * - a code block is cut between lines and each piece gets its own fences, so fences
 *   always balance; a table is cut between rows and each piece repeats the header;
 * - no text is dropped here.
 */
import type { MdBlock, MdInline } from './markdown.ts';

export type Measure = (text: string) => number;
export const charLength: Measure = (text) => text.length;
export const utf8Length: Measure = (text) => Buffer.byteLength(text, 'utf8');

export interface BlockRenderer {
  render(block: MdBlock): string;
  /** What goes between two blocks inside one chunk. */
  separator: string;
}

export function chunkMarkdown(
  blocks: MdBlock[],
  renderer: BlockRenderer,
  limit: number,
  measure: Measure = charLength,
): string[] {
  const fit = (block: MdBlock) => measure(renderer.render(block)) <= limit;
  const pieces = blocks.flatMap((block) =>
    fit(block) ? [block] : splitBlock(block, renderer, limit, measure),
  );
  const separatorSize = measure(renderer.separator);
  const chunks: string[] = [];
  let current = '';
  let size = 0;
  for (const piece of pieces) {
    const rendered = renderer.render(piece);
    if (rendered.trim() === '') continue;
    const pieceSize = measure(rendered);
    if (current && size + separatorSize + pieceSize <= limit) {
      current += renderer.separator + rendered;
      size += separatorSize + pieceSize;
    } else {
      if (current) chunks.push(current);
      current = rendered;
      size = pieceSize;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

function splitBlock(block: MdBlock, renderer: BlockRenderer, limit: number, measure: Measure): MdBlock[] {
  const size = (candidate: MdBlock) => measure(renderer.render(candidate));
  const fits = (candidate: MdBlock) => size(candidate) <= limit;
  switch (block.kind) {
    case 'code': {
      const lines = block.text
        .split('\n')
        .flatMap((line) => splitText(line, (text) => fits({ ...block, text })));
      return packGreedy(lines, (group) => fits({ ...block, text: group.join('\n') })).map((group) => ({
        ...block,
        text: group.join('\n'),
      }));
    }
    case 'table': {
      const groups = packGreedy(block.rows, (rows) => fits({ ...block, rows }));
      return groups.flatMap((rows) =>
        fits({ ...block, rows })
          ? [{ ...block, rows }]
          : // One row too wide for any chunk: its cells become a paragraph, cut like text.
            splitBlock(
              { kind: 'paragraph', inlines: rowInlines(block.header, rows[0]!) },
              renderer,
              limit,
              measure,
            ),
      );
    }
    case 'list':
      return block.items.flatMap((item, n) => {
        const single: MdBlock = { ...block, start: block.start + n, items: [item] };
        if (fits(single)) return [single];
        const [first, ...rest] = splitInlines(
          item,
          (inlines) => ({ ...single, items: [inlines] }),
          size,
          limit,
        );
        return [first!, ...rest.map((piece): MdBlock => ({ kind: 'paragraph', inlines: piece.items[0]! }))];
      });
    case 'paragraph':
    case 'heading':
    case 'quote':
      return splitInlines(block.inlines, (inlines): MdBlock => ({ kind: block.kind, inlines }), size, limit);
  }
}

function rowInlines(header: string[], row: string[]): MdInline[] {
  return [{ kind: 'text', text: header.map((name, c) => `${name}: ${row[c] ?? ''}`).join(' / ') }];
}

/**
 * Consecutive groups, each as long as `fits` allows (an item that fits nowhere still gets
 * a group of its own). `fits` grows with the group, so each end is found by doubling then
 * bisection: O(log n) renders per group instead of one per item.
 */
function packGreedy<T>(items: T[], fits: (group: T[]) => boolean): T[][] {
  const groups: T[][] = [];
  let start = 0;
  while (start < items.length) {
    let good = start + 1;
    let step = 1;
    let bad = items.length + 1;
    while (good < items.length) {
      const probe = Math.min(items.length, start + step * 2);
      if (fits(items.slice(start, probe))) {
        good = probe;
        step *= 2;
      } else {
        bad = probe;
        break;
      }
    }
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (fits(items.slice(start, middle))) good = middle;
      else bad = middle;
    }
    groups.push(items.slice(start, good));
    start = good;
  }
  return groups;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Halves text (at a space or grapheme boundary near the middle) until every piece fits. */
function splitText(text: string, fits: (text: string) => boolean): string[] {
  if (fits(text)) return [text];
  const marks = [...graphemes.segment(text)].map((segment) => segment.index);
  if (marks.length < 2) return [text];
  const middle = marks[Math.floor(marks.length / 2)]!;
  const space = text.lastIndexOf(' ', middle);
  const cut = space > middle / 2 ? space + 1 : middle;
  return [...splitText(text.slice(0, cut), fits), ...splitText(text.slice(cut), fits)];
}

interface Atom {
  inline: MdInline;
  sentenceEnd: boolean;
}

function splitInlines<B extends MdBlock>(
  inlines: MdInline[],
  make: (inlines: MdInline[]) => B,
  size: (block: B) => number,
  limit: number,
): B[] {
  const fits = (block: B) => size(block) <= limit;
  // Each atom rendered alone: the sum estimates a group's size without rendering every
  // prefix. Merging neighbours mostly removes markers, but it can add a little (Slack's
  // zero-width spaces), so the estimated group is measured for real before it is cut.
  const atoms: Atom[] = [];
  const sizes: number[] = [];
  for (const atom of atomize(inlines, (leaf) => leaf)) {
    const atomSize = size(make([atom.inline]));
    const pieces = atomSize <= limit ? [atom] : hardSplit(atom, (inline) => fits(make([inline])));
    for (const piece of pieces) {
      atoms.push(piece);
      sizes.push(piece === atom ? atomSize : size(make([piece.inline])));
    }
  }
  const groupSize = (start: number, end: number) => size(make(merge(trimEdges(atoms.slice(start, end)))));
  const blocks: B[] = [];
  let start = 0;
  while (start < atoms.length) {
    let end = start + 1;
    let estimate = sizes[start]!;
    while (end < atoms.length && estimate + sizes[end]! <= limit) estimate += sizes[end++]!;
    // Too big for real: give back atoms worth the excess, then measure again (one round, as
    // a rule: the estimate is off by a few characters per styled word at most).
    let real = end - start > 1 ? groupSize(start, end) : 0;
    while (real > limit && end - start > 1) {
      let excess = real - limit;
      while (excess > 0 && end - start > 1) excess -= sizes[--end]!;
      real = end - start > 1 ? groupSize(start, end) : 0;
    }
    if (end < atoms.length) {
      // Prefer to end at a sentence when one ends in the second half of the group.
      for (let k = end - 1; k > start + Math.floor((end - start) / 2); k -= 1) {
        if (atoms[k]!.sentenceEnd) {
          end = k + 1;
          break;
        }
      }
    }
    const group = merge(trimEdges(atoms.slice(start, end)));
    if (group.length > 0) blocks.push(make(group));
    start = end;
  }
  return blocks;
}

/** One atom per word, each wrapped in its bold/italic/strike/link ancestors. */
function atomize(inlines: MdInline[], wrap: (leaf: MdInline) => MdInline): Atom[] {
  return inlines.flatMap((inline): Atom[] => {
    switch (inline.kind) {
      case 'text':
        return wordPieces(inline.text).map((text) => ({
          inline: wrap({ kind: 'text', text }),
          sentenceEnd: /[.!?。．！？]\s*$/.test(text),
        }));
      case 'break':
        return [{ inline: wrap(inline), sentenceEnd: true }];
      case 'code':
      case 'link':
        return [{ inline: wrap(inline), sentenceEnd: false }];
      default:
        return atomize(inline.children, (leaf) => wrap({ kind: inline.kind, children: [leaf] }));
    }
  });
}

/**
 * Words with the spaces and punctuation after them, so a cut never starts a line with "。".
 * Text is first cut at spaces and sentence punctuation (cheap); only a run longer than
 * that, as Japanese often is, goes through the dictionary-based word segmenter.
 */
function wordPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const run of text.match(/[^\s、。，．！？]*[\s、。，．！？]+|[^\s、。，．！？]+/g) ?? []) {
    if (run.length <= SHORT_RUN) {
      pieces.push(run);
      continue;
    }
    for (const segment of words.segment(run)) {
      if (pieces.length > 0 && !segment.isWordLike) pieces[pieces.length - 1] += segment.segment;
      else pieces.push(segment.segment);
    }
  }
  return pieces;
}

/** Runs up to this long are atoms as they are: a chunk holds thousands of characters. */
const SHORT_RUN = 24;

/** An atom too big for any chunk (a 5,000-character URL) is cut at grapheme boundaries. */
function hardSplit(atom: Atom, fits: (inline: MdInline) => boolean): Atom[] {
  if (fits(atom.inline)) return [atom];
  const leaf = leafOf(atom.inline);
  if (leaf.kind !== 'text' && leaf.kind !== 'code' && leaf.kind !== 'link') return [atom];
  const text = leaf.kind === 'link' ? `${plainLabel(leaf)} (${leaf.url})` : leaf.text;
  const kind = leaf.kind === 'code' ? 'code' : 'text';
  return splitText(text, (piece) => fits(replaceLeaf(atom.inline, { kind, text: piece }))).map((piece) => ({
    inline: replaceLeaf(atom.inline, { kind, text: piece }),
    sentenceEnd: false,
  }));
}

function plainLabel(link: Extract<MdInline, { kind: 'link' }>): string {
  return link.children
    .map((child) => (child.kind === 'text' || child.kind === 'code' ? child.text : ''))
    .join('');
}

function leafOf(inline: MdInline): MdInline {
  return inline.kind === 'bold' || inline.kind === 'italic' || inline.kind === 'strike'
    ? leafOf(inline.children[0]!)
    : inline;
}

function replaceLeaf(inline: MdInline, leaf: MdInline): MdInline {
  return inline.kind === 'bold' || inline.kind === 'italic' || inline.kind === 'strike'
    ? { kind: inline.kind, children: [replaceLeaf(inline.children[0]!, leaf)] }
    : leaf;
}

/** Drops line breaks and spaces at the edges of a piece: a continuation starts clean. */
function trimEdges(atoms: Atom[]): Atom[] {
  let from = 0;
  let to = atoms.length;
  while (from < to && leafOf(atoms[from]!.inline).kind === 'break') from += 1;
  while (to > from && leafOf(atoms[to - 1]!.inline).kind === 'break') to -= 1;
  const kept = atoms.slice(from, to);
  if (kept.length === 0) return kept;
  const last = kept[kept.length - 1]!;
  const leaf = leafOf(last.inline);
  if (leaf.kind === 'text')
    kept[kept.length - 1] = {
      ...last,
      inline: replaceLeaf(last.inline, { kind: 'text', text: leaf.text.trimEnd() }),
    };
  return kept;
}

/** Joins neighbouring atoms back into one tree: "**a** **b**" pieces become "**a b**". */
function merge(atoms: Atom[]): MdInline[] {
  const out: MdInline[] = [];
  for (const { inline } of atoms) {
    const previous = out[out.length - 1];
    if (previous && previous.kind === 'text' && inline.kind === 'text') {
      out[out.length - 1] = { kind: 'text', text: previous.text + inline.text };
    } else if (
      previous &&
      (previous.kind === 'bold' || previous.kind === 'italic' || previous.kind === 'strike') &&
      previous.kind === inline.kind
    ) {
      const children = merge(
        [...previous.children, ...inline.children].map((child) => ({ inline: child, sentenceEnd: false })),
      );
      out[out.length - 1] = { kind: previous.kind, children };
    } else {
      out.push(inline);
    }
  }
  return out;
}
