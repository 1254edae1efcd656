import type { Locale } from '../locale.ts';

/** A message in every locale. `{name}` marks a parameter. */
export type LocalizedMessage = Readonly<Record<Locale, string>>;
export type MessageTable = Readonly<Record<string, LocalizedMessage>>;
