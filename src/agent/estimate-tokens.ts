/**
 * A conservative token estimate, for budgets only (never for billing). Tokenizers give
 * Japanese about one token per character (often less, never much more), and English about
 * four characters per token; counting three keeps the estimate on the high side, so a
 * history that fits by our count also fits by the model's.
 */
const WIDE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** Per-message framing (role markers and separators) that every chat format adds. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimateTokens(text: string): number {
  let wide = 0;
  let narrow = 0;
  for (const char of text) {
    if (WIDE.test(char)) wide += 1;
    else narrow += 1;
  }
  return wide + Math.ceil(narrow / 3);
}
