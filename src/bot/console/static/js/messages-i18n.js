// Kotae console: the page's word for a key (js/ui-words.js), in the language it shows now.
import { state } from './page-state.js';
import { MESSAGES } from './ui-words.js';

/** The page's word for `key`, in the language it shows now. */
export function text(key) {
  return MESSAGES[state.locale][key];
}
