// Kotae console: a Slack-like page over the console API (src/bot/console/).
// Plain ES2022 in the browser, no build step. Bot messages arrive as server-rendered HTML
// (src/render/console-html.ts, safe by construction) and are inserted as-is; everything
// the person typed is only ever set as text.
// The page is split into modules under js/, named for what they do; this file wires them.
import { loadChannels, loadStatus } from './js/channels.js';
import { runConfirm } from './js/commands.js';
import { send } from './js/composer.js';
import { autosize, showComposerError } from './js/composer-view.js';
import { sendFeedback } from './js/feedback.js';
import { applyLocale, setLocale } from './js/locale.js';
import { els, setMenu } from './js/page-state.js';
import { openSubscribeForm } from './js/subscribe-form.js';
import { startNewQuestion } from './js/threads.js';

// ---- Wiring ----------------------------------------------------------------------

els.form.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});

els.composer.addEventListener('keydown', (event) => {
  // While an IME is composing (Japanese input), Enter confirms the conversion, not the message.
  if (event.isComposing || event.keyCode === 229) return;
  if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
    event.preventDefault();
    send();
  }
});

els.composer.addEventListener('input', () => {
  autosize();
  if (els.composerError.textContent) showComposerError('');
});

els.newThread.addEventListener('click', () => {
  setMenu(false);
  startNewQuestion();
});

els.menuButton.addEventListener('click', () => setMenu(!els.app.classList.contains('menu-open')));

for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => setLocale(button.dataset.locale));
}

els.thread.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action="feedback"]');
  if (button && !button.disabled) sendFeedback(button);
  const confirm = event.target.closest('button[data-action="confirm"]');
  if (confirm && !confirm.disabled) runConfirm(confirm);
  const subscribe = event.target.closest('button[data-action="subscribe"]');
  if (subscribe) openSubscribeForm(subscribe);
});

applyLocale();
loadStatus();
loadChannels();
