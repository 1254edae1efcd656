/**
 * The two languages Kotae speaks, with their Intl tags. Everything a person reads exists
 * in both; code picks per-locale forms with `byLocale`, so adding a language is a type error
 * wherever a form is missing. Which locale a task uses is decided once, at intake.
 */
const INTL_TAGS = { ja: 'ja-JP', en: 'en-US' } as const;

export type Locale = keyof typeof INTL_TAGS;

export const LOCALES = Object.keys(INTL_TAGS) as [Locale, ...Locale[]];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(INTL_TAGS, value);
}

/** The BCP 47 tag for Intl formatters, e.g. ja-JP. */
export function intlTag(locale: Locale): string {
  return INTL_TAGS[locale];
}

/** The form for this locale, from one given for every locale. */
export function byLocale<T>(locale: Locale, forms: Record<Locale, T>): T {
  return forms[locale];
}

/** The script that marks a language; the first match wins, in LOCALES order. */
const SCRIPTS: Record<Locale, RegExp> = {
  ja: /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/u,
  en: /[A-Za-z]/,
};

/**
 * Guesses the language of a question. Any kana or CJK ideograph means Japanese:
 * an analyst mixing English table names into a Japanese sentence still wants Japanese back.
 */
export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  return LOCALES.find((locale) => SCRIPTS[locale].test(text)) ?? fallback;
}

/**
 * A command's language: Japanese when any of its words are, else `fallback`. Verbs and
 * settings (`status`, `bytes-per-day=1TB`) are ASCII whatever the person's language.
 */
export function commandLocale(text: string, fallback: Locale): Locale {
  return SCRIPTS.ja.test(text) ? 'ja' : fallback;
}
