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
export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  if (/[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/u.test(text)) return 'ja';
  if (/[A-Za-z]/.test(text)) return 'en';
  return fallback;
}
