import type { Locale } from '../locale.ts';
import { catalogue, type MessageKey } from './catalogue.ts';

export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks a message up and fills its `{name}` parameters. Unknown parameters stay visible. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogue[key][locale];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

/** A translator bound to one locale. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => t(locale, key, params);
}
