import { KotaeError } from './errors.ts';
import { isLocale, type Locale } from './locale.ts';

/**
 * A locale read back from a task: intake decided it once and stored it, so anything else
 * is a broken row, not a reason to decide again.
 */
export function storedLocale(value: string): Locale {
  if (isLocale(value)) return value;
  throw new KotaeError('locale_invalid', `The stored locale is not one Kotae speaks: ${value}`);
}
