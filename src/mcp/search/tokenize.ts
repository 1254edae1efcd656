/**
 * Tokens for catalogue search, for Japanese and English alike:
 *  - NFKC first (full-width ＡＢＣ１２３ → ABC123, half-width ｶﾅ → カナ), then lower case;
 *  - Latin words split on anything not a letter or digit, and on camelCase, with a plural
 *    "s" trimmed (sales → sale) so singular and plural questions meet;
 *  - Japanese has no spaces, so runs of kana and kanji become character bigrams
 *    (売上金額 → 売上, 上金, 金額); a one-character run stays a unigram.
 */

const STOPWORDS = new Set([
  'the',
  'of',
  'a',
  'an',
  'and',
  'or',
  'in',
  'for',
  'to',
  'by',
  'per',
  'with',
  'is',
  'on',
]);
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** sales → sale, orders → order; status, analysis, this stay as they are. */
function stem(word: string): string {
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Appends the tokens of `text` to `out` (duplicates allowed; callers dedupe per document). */
export function tokenize(text: string, out: string[] = []): string[] {
  const spaced = text.normalize('NFKC').replace(/([a-z])([A-Z])/g, '$1 $2');
  const lower = spaced.toLowerCase();
  for (const run of lower.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  }
  const latin = lower.replace(CJK_RUN, ' ');
  for (const word of latin.match(WORD) ?? []) {
    if (!STOPWORDS.has(word)) out.push(stem(word));
  }
  return out;
}

export function uniqueTokens(text: string): string[] {
  return [...new Set(tokenize(text))];
}
