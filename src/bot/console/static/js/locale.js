// Kotae console: The page's language: labels, examples, and re-rendering what is shown.
import { loadStatus } from './channels.js';
import { autosize, updateComposer } from './composer-view.js';
import { renderConnection } from './live-events.js';
import { renderMessage } from './message-view.js';
import { text } from './messages-i18n.js';
import { LOCALE_KEY, els, safeStorage, state } from './page-state.js';
import { renderThreadList, renderThreadTitle } from './threads.js';

// ---- Locale ----------------------------------------------------------------------

export function applyLocale() {
  document.documentElement.lang = state.locale;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = text(element.dataset.i18n);
  }
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === state.locale));
  }
  els.examples.replaceChildren(
    ...text('examples').map((example) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'example';
      button.textContent = example;
      button.addEventListener('click', () => {
        els.composer.value = example;
        autosize();
        els.composer.focus();
      });
      item.append(button);
      return item;
    }),
  );
  updateComposer();
  renderThreadTitle();
  renderThreadList();
  renderConnection();
  for (const view of state.messages.values()) renderMessage(view);
}

export function setLocale(locale) {
  if (locale === state.locale) return;
  state.locale = locale;
  safeStorage(() => localStorage.setItem(LOCALE_KEY, locale));
  applyLocale();
  loadStatus();
}
