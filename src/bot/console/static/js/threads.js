// Kotae console: The thread list and opening a thread.
import { api } from './api.js';
import { showComposerError, updateComposer } from './composer-view.js';
import { upsertMessage } from './message-view.js';
import { text } from './messages-i18n.js';
import { formatTime, scrollToBottom, writeRoute } from './page-helpers.js';
import { els, setMenu, state } from './page-state.js';

// ---- Threads ---------------------------------------------------------------------

export async function loadThreads() {
  const channelId = state.channelId;
  try {
    const { threads } = await api(`/threads?channel=${encodeURIComponent(channelId)}`);
    if (channelId !== state.channelId) return;
    state.threads = Array.isArray(threads) ? threads : [];
  } catch {
    if (channelId === state.channelId) state.threads = [];
  }
  sortThreads();
  renderThreadList();
}

export function sortThreads() {
  state.threads.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
}

let threadReload = null;
/** Several events for an unknown thread arrive together; one reload answers them all. */
export function reloadThreadsSoon() {
  clearTimeout(threadReload);
  threadReload = setTimeout(loadThreads, 250);
}

export function renderThreadList() {
  els.threadsEmpty.hidden = state.threads.length > 0;
  els.threadList.replaceChildren(
    ...state.threads.map((thread) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'thread-item';
      button.dataset.testid = 'thread-item';
      button.dataset.threadId = thread.threadId;
      if (thread.threadId === state.threadId) button.setAttribute('aria-current', 'true');
      const title = document.createElement('span');
      title.className = 'thread-item-title';
      title.textContent = thread.title || text('newThreadTitle');
      const time = document.createElement('time');
      time.className = 'thread-item-time';
      time.dateTime = thread.updatedAt;
      time.textContent = formatTime(thread.updatedAt);
      button.append(title, time);
      button.addEventListener('click', () => {
        setMenu(false);
        openThread(thread.threadId);
      });
      item.append(button);
      return item;
    }),
  );
}

export function renderThreadTitle() {
  const thread = state.threads.find((t) => t.threadId === state.threadId);
  els.threadTitle.textContent = state.threadId ? (thread && thread.title) || '' : text('newQuestion');
}

export function startNewQuestion() {
  state.view += 1;
  state.threadId = null;
  state.messages.clear();
  els.thread.replaceChildren();
  els.intro.hidden = false;
  writeRoute();
  renderThreadList();
  renderThreadTitle();
  updateComposer();
  showComposerError('');
  els.composer.focus();
}

export async function openThread(threadId) {
  const view = ++state.view;
  state.threadId = threadId;
  state.messages.clear();
  els.thread.replaceChildren();
  els.intro.hidden = true;
  writeRoute();
  renderThreadList();
  renderThreadTitle();
  updateComposer();
  showComposerError('');
  await loadMessages(view);
  scrollToBottom(true);
  els.composer.focus();
}

export async function loadMessages(view = state.view) {
  if (!state.threadId) return;
  const query = `channel=${encodeURIComponent(state.channelId)}&thread=${encodeURIComponent(state.threadId)}`;
  try {
    const { messages } = await api(`/messages?${query}`);
    if (view !== state.view) return;
    for (const message of Array.isArray(messages) ? messages : []) upsertMessage(message);
  } catch {
    if (view === state.view) showComposerError(text('loadError'));
  }
}
