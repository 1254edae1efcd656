/**
 * Emphasis in our Markdown subset (markdown.ts): **bold** or __bold__, *italic* or _italic_,
 * ~~strike~~. An opener must touch text, and snake_case or 2*3*4 stay literal.
 */

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

export function matchEmphasis(source: string, i: number): EmphasisMatch | null {
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
