// Kotae console: the question box as shown: its placeholder, button, error line and size.
import { text } from './messages-i18n.js';
import { els, state } from './page-state.js';

export function updateComposer() {
  els.composer.placeholder = state.threadId ? text('composerReply') : text('composerNew');
  els.send.textContent = state.sending ? text('sending') : text('send');
  els.send.disabled = state.sending || !state.channelId;
}

export function showComposerError(message) {
  els.composerError.textContent = message;
}

export function autosize() {
  els.composer.style.height = 'auto';
  els.composer.style.height = `${Math.min(els.composer.scrollHeight, 240)}px`;
}
