// Kotae console: The server's status banner and the channel list.
import { api } from './api.js';
import { showComposerError } from './composer-view.js';
import { connectEvents } from './live-events.js';
import { text } from './messages-i18n.js';
import { parseRoute } from './page-helpers.js';
import { els, setMenu, state } from './page-state.js';
import { loadThreads, openThread, startNewQuestion } from './threads.js';

// ---- Status banner ---------------------------------------------------------------

export async function loadStatus() {
  try {
    const status = await api(`/status?locale=${state.locale}`);
    const notice = status && typeof status.notice === 'string' && status.notice ? status.notice : null;
    const message = notice ?? (status && status.llmConfigured === false ? text('llmMissing') : null);
    els.banner.hidden = !message;
    els.banner.textContent = message ?? '';
  } catch {
    // The banner is advisory; the rest of the page still works without it.
  }
}

// ---- Channels --------------------------------------------------------------------

export async function loadChannels() {
  try {
    const { channels } = await api('/channels');
    state.channels = Array.isArray(channels) ? channels : [];
  } catch {
    showComposerError(text('loadError'));
    state.channels = [];
  }
  renderChannels();
  const route = parseRoute();
  const channel = state.channels.find((c) => c.id === route.channelId) ?? state.channels[0];
  if (channel) await selectChannel(channel.id, route.channelId === channel.id ? route.threadId : null);
}

export function renderChannels() {
  els.channelsEmpty.hidden = state.channels.length > 0;
  els.channelList.replaceChildren(
    ...state.channels.map((channel) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'channel';
      button.dataset.channelId = channel.id;
      button.dataset.testid = 'channel';
      button.textContent = `# ${channel.name}`;
      if (channel.id === state.channelId) button.setAttribute('aria-current', 'true');
      button.addEventListener('click', () => {
        setMenu(false);
        selectChannel(channel.id, null);
      });
      item.append(button);
      return item;
    }),
  );
}

export async function selectChannel(channelId, threadId) {
  const changed = channelId !== state.channelId;
  state.channelId = channelId;
  const channel = state.channels.find((c) => c.id === channelId);
  els.channelName.textContent = channel ? channel.name : '';
  renderChannels();
  if (changed) connectEvents();
  await loadThreads();
  if (threadId) await openThread(threadId);
  else startNewQuestion();
}
