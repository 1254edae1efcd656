/** The two languages Kotae speaks. Everything a person reads exists in both. */
export type Locale = 'ja' | 'en';

export const LOCALES: readonly Locale[] = ['ja', 'en'];

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

/**
 * Guesses the language of a question. Any kana or CJK ideograph means Japanese:
 * an analyst mixing English table names into a Japanese sentence still wants Japanese back.
 */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/u;

export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  if (JAPANESE.test(text)) return 'ja';
  if (/[A-Za-z]/.test(text)) return 'en';
  return fallback;
}

/**
 * A command's language: Japanese when any of its words are, else `fallback`. Verbs and
 * settings (`status`, `bytes-per-day=1TB`) are ASCII whatever the person's language.
 */
export function commandLocale(text: string, fallback: Locale): Locale {
  return JAPANESE.test(text) ? 'ja' : fallback;
}
