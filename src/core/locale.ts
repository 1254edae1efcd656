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

/**
 * The script that marks a language; the first match wins, in LOCALES order. `latin` says
 * the script is the Latin alphabet, which commands use whatever the person's language.
 */
const SCRIPTS: Record<Locale, { pattern: RegExp; latin: boolean }> = {
  ja: { pattern: /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/u, latin: false },
  en: { pattern: /[A-Za-z]/, latin: true },
};

/**
 * Guesses the language of a question. Any kana or CJK ideograph means Japanese:
 * an analyst mixing English table names into a Japanese sentence still wants Japanese back.
 */
export function detectLocale(text: string, fallback: Locale = 'en'): Locale {
  return LOCALES.find((locale) => SCRIPTS[locale].pattern.test(text)) ?? fallback;
}

/**
 * A command's language: the first locale (in LOCALES order) whose own non-Latin script
 * appears in it (kana or kanji: Japanese), else `fallback`. Verbs and settings (`status`,
 * `bytes-per-day=1TB`) are ASCII whatever the person's language, so Latin letters tell nothing.
 */
export function commandLocale(text: string, fallback: Locale): Locale {
  return LOCALES.find((locale) => !SCRIPTS[locale].latin && SCRIPTS[locale].pattern.test(text)) ?? fallback;
}

/**
 * A question's language, decided once at intake. Kana or kanji always mean Japanese. Latin
 * letters alone say little when the person's language is known (an analyst on a Japanese
 * page types `DAU?` or table names), so the asker's locale comes next; only without one do
 * Latin letters mean English. With nothing to tell by, `fallback` (the workspace's).
 */
export function questionLocale(text: string, asker: Locale | undefined, fallback: Locale): Locale {
  return commandLocale(text, asker ?? detectLocale(text, fallback));
}
