// Kotae console: `/kotae …` commands typed in the box. Their answers are shown only here, to
// the sender (like Slack's ephemeral replies); the key form and confirm buttons live here too.
import { api } from './api.js';
import { showComposerError } from './composer-view.js';
import { text } from './messages-i18n.js';
import { scrollToBottom } from './page-helpers.js';
import { els, state } from './page-state.js';

/** A command's answer: rendered by toConsoleHtml (safe by construction), seen by the sender only. */
export function showEphemeral(html) {
  const element = document.createElement('article');
  element.className = 'message message--bot message--ephemeral';
  element.dataset.testid = 'ephemeral';
  const content = document.createElement('div');
  content.className = 'message-content';
  content.innerHTML = html;
  element.append(content);
  els.thread.append(element);
  scrollToBottom(true);
}

/** The LLM key form: the key is posted to /api/console/keys and never shown in a thread. */
export function showKeysForm(hint) {
  const form = document.createElement('form');
  form.className = 'message message--ephemeral kotae-keys';
  form.dataset.testid = 'keys-form';
  form.innerHTML =
    '<p class="message-text"></p><label><span></span> <select name="provider"><option>openai</option><option>gemini</option></select></label>' +
    '<label><span></span> <input name="key" type="password" autocomplete="off" required></label><button type="submit"></button><p class="kotae-keys-result"></p>';
  form.querySelector('.message-text').textContent = hint;
  const [provider, key] = form.querySelectorAll('label > span');
  provider.textContent = text('keysProvider');
  key.textContent = text('keysKey');
  form.querySelector('button').textContent = text('keysSubmit');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { provider: data.get('provider'), key: data.get('key'), locale: state.locale };
    form.querySelector('input[name="key"]').value = '';
    try {
      const result = await api('/keys', { method: 'POST', body: JSON.stringify(body) });
      form.querySelector('.kotae-keys-result').textContent = result.text;
    } catch (error) {
      form.querySelector('.kotae-keys-result').textContent =
        error && error.localized ? error.message : text('networkError');
    }
  });
  els.thread.append(form);
  scrollToBottom(true);
}

/** A confirm button under an admin verb's answer runs `/kotae <command>` as typed. */
export async function runConfirm(button) {
  button.disabled = true;
  try {
    const body = { channel: state.channelId, text: `/kotae ${button.dataset.command}`, locale: state.locale };
    const result = await api('/messages', { method: 'POST', body: JSON.stringify(body) });
    if (result && result.command) showEphemeral(result.html);
  } catch (error) {
    showComposerError(error && error.localized ? error.message : text('networkError'));
  }
}
