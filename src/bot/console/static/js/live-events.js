// Kotae console: Live updates over Server-Sent Events, and the connection indicator.
import { API } from './api.js';
import { renderConnection } from './locale.js';
import { onEvent } from './message-view.js';
import { state } from './page-state.js';
import { loadMessages, loadThreads } from './threads.js';

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
