// Kotae console: sending the question in the box.
import { api } from './api.js';
import { showEphemeral, showKeysForm } from './commands.js';
import { autosize, showComposerError, updateComposer } from './composer-view.js';
import { text } from './messages-i18n.js';
import { els, state } from './page-state.js';
import { loadMessages, openThread } from './threads.js';

// ---- Composer --------------------------------------------------------------------

export async function send() {
  if (state.sending || !state.channelId) return;
  const question = els.composer.value.trim();
  if (!question) {
    showComposerError(text('emptyText'));
    return;
  }
  state.sending = true;
  updateComposer();
  showComposerError('');
  const channelId = state.channelId;
  const threadId = state.threadId;
  try {
    const body = { channel: channelId, text: question, locale: state.locale };
    if (threadId) body.thread = threadId;
    const result = await api('/messages', { method: 'POST', body: JSON.stringify(body) });
    els.composer.value = '';
    autosize();
    if (result && result.command) {
      showEphemeral(result.html);
      if (result.form === 'llm_keys') showKeysForm(result.formText);
      return;
    }
    if (channelId !== state.channelId) return;
    if (!threadId && result && result.threadId) {
      if (!state.threads.some((t) => t.threadId === result.threadId)) {
        const now = new Date().toISOString();
        state.threads.unshift({ threadId: result.threadId, title: question, updatedAt: now });
      }
      await openThread(result.threadId);
    } else if (threadId === state.threadId) {
      await loadMessages();
    }
  } catch (error) {
    showComposerError(error && error.localized ? error.message : text('networkError'));
  } finally {
    state.sending = false;
    updateComposer();
  }
}
