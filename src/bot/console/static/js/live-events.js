// Kotae console: Live updates over Server-Sent Events, and the connection indicator.
import { API } from './api.js';
import { upsertMessage } from './message-view.js';
import { text } from './messages-i18n.js';
import { els, state } from './page-state.js';
import { loadMessages, loadThreads, reloadThreadsSoon, renderThreadList, sortThreads } from './threads.js';

// ---- Live updates (Server-Sent Events) -------------------------------------------

let retryTimer = null;

export function connectEvents() {
  if (state.events) state.events.close();
  clearTimeout(retryTimer);
  const channelId = state.channelId;
  const source = new EventSource(`${API}/events?channel=${encodeURIComponent(channelId)}`);
  state.events = source;
  source.addEventListener('message', (event) => {
    try {
      onEvent(JSON.parse(event.data));
    } catch {
      // A malformed event is skipped; the next reload fetches the truth.
    }
  });
  source.addEventListener('open', () => {
    state.connection = 'live';
    renderConnection();
    if (state.eventsFailed) {
      // Events sent while we were away are gone: fetch the current state instead.
      state.eventsFailed = false;
      loadThreads();
      loadMessages();
    }
  });
  source.addEventListener('error', () => {
    state.eventsFailed = true;
    state.connection = 'reconnecting';
    renderConnection();
    // EventSource retries by itself unless the server refused outright.
    if (source.readyState === EventSource.CLOSED && state.events === source) {
      retryTimer = setTimeout(() => {
        if (state.channelId === channelId) connectEvents();
      }, 3000);
    }
  });
}

export function onEvent(message) {
  if (!message || message.channelId !== state.channelId) return;
  const thread = state.threads.find((t) => t.threadId === message.threadId);
  if (thread) {
    if (String(message.updatedAt) > String(thread.updatedAt)) thread.updatedAt = message.updatedAt;
    sortThreads();
    renderThreadList();
  } else {
    reloadThreadsSoon();
  }
  upsertMessage(message);
}

export function renderConnection() {
  els.connection.textContent = state.connection ? text(state.connection) : '';
  if (state.connection) els.connection.dataset.state = state.connection;
}
