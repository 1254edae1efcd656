// Kotae console: a Slack-like page over the console API (src/bot/console/).
// Plain ES2022 in the browser, no build step. Bot messages arrive as server-rendered HTML
// (src/render/console-html.ts, safe by construction) and are inserted as-is; everything
// the person typed is only ever set as text.

const API = '/api/console';
const LOCALE_KEY = 'kotae.locale';

const MESSAGES = {
  ja: {
    channels: 'チャンネル',
    language: '言語',
    newQuestion: '新しい質問',
    noChannels: 'チャンネルがありません。',
    noThreads: 'まだ質問はありません。右の入力欄から最初の質問をどうぞ。',
    introTitle: 'Kotae に質問する',
    introBody:
      'データについての質問に、クエリを実行して表とグラフで答えます。日本語でも英語でも質問できます。',
    examples: [
      '都道府県別の今月の売上は？',
      '先週と比べて注文数が一番増えた商品は？',
      '店舗ごとの平均客単価を棒グラフで',
    ],
    composerLabel: '質問',
    menu: 'メニュー',
    composerNew: 'データについて質問してください…',
    composerReply: 'このスレッドで続けて質問…',
    send: '送信',
    sending: '送信中…',
    sendHint: 'Enter で送信・Shift+Enter で改行',
    newThreadTitle: '新しい質問',
    you: 'あなた',
    bot: 'Kotae',
    emptyText: '質問を入力してください。',
    networkError: '送信できませんでした。接続を確認してから、もう一度お試しください。',
    loadError: '読み込めませんでした。ページを再読み込みしてください。',
    reconnecting: '再接続中…',
    live: '接続中',
    feedbackThanks: 'フィードバックありがとうございます。',
    feedbackError: 'フィードバックを送信できませんでした。',
    llmMissing:
      'LLM が設定されていないため、質問に答えられません。OPENAI_API_KEY、GEMINI_API_KEY、または OPENAI_BASE_URL を設定して再起動してください。',
  },
  en: {
    channels: 'Channels',
    language: 'Language',
    newQuestion: 'New question',
    noChannels: 'There are no channels.',
    noThreads: 'No questions yet. Ask the first one on the right.',
    introTitle: 'Ask Kotae',
    introBody:
      'Ask a question about your data; Kotae runs the queries and answers with a table and a chart. Japanese or English both work.',
    examples: [
      'Sales by prefecture this month?',
      'Which product grew the most in orders versus last week?',
      'Average order value per store as a bar chart',
    ],
    composerLabel: 'Question',
    menu: 'Menu',
    composerNew: 'Ask a question about your data…',
    composerReply: 'Ask a follow-up in this thread…',
    send: 'Send',
    sending: 'Sending…',
    sendHint: 'Enter to send · Shift+Enter for a new line',
    newThreadTitle: 'New question',
    you: 'You',
    bot: 'Kotae',
    emptyText: 'Type a question first.',
    networkError: 'Could not send. Check the connection and try again.',
    loadError: 'Could not load. Please reload the page.',
    reconnecting: 'Reconnecting…',
    live: 'Live',
    feedbackThanks: 'Thanks for the feedback.',
    feedbackError: 'Could not send the feedback.',
    llmMissing:
      'No LLM is configured, so questions cannot be answered. Set OPENAI_API_KEY, GEMINI_API_KEY or OPENAI_BASE_URL and restart.',
  },
};

const state = {
  locale: initialLocale(),
  channels: [],
  channelId: null,
  threads: [],
  threadId: null,
  /** id → ConsoleMessageView of the open thread. */
  messages: new Map(),
  /** taskId → 'up' | 'down', so a re-rendered answer keeps its pressed button. */
  feedback: new Map(),
  events: null,
  eventsFailed: false,
  /** 'live' | 'reconnecting' | null: shown in the page's language, whichever it is now. */
  connection: null,
  sending: false,
  /** Bumped on every navigation, so a slow response for an old view is dropped. */
  view: 0,
};

const $ = (id) => document.getElementById(id);
const els = {
  channelList: $('channel-list'),
  channelsEmpty: $('channels-empty'),
  channelName: $('channel-name'),
  threadList: $('thread-list'),
  threadsEmpty: $('threads-empty'),
  threadTitle: $('thread-title'),
  thread: $('thread'),
  threadScroll: $('thread-scroll'),
  intro: $('intro'),
  examples: $('examples'),
  banner: $('banner'),
  connection: $('connection'),
  form: $('composer-form'),
  composer: $('composer'),
  send: $('send'),
  composerError: $('composer-error'),
  newThread: $('new-thread'),
  app: $('app'),
  menuButton: $('menu-button'),
};

/** On a phone-sized screen the channels and threads are a menu over the conversation. */
function setMenu(open) {
  els.app.classList.toggle('menu-open', open);
  els.menuButton.setAttribute('aria-expanded', String(open));
}

function initialLocale() {
  const saved = safeStorage(() => localStorage.getItem(LOCALE_KEY));
  if (saved === 'ja' || saved === 'en') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function safeStorage(read) {
  try {
    return read();
  } catch {
    return null;
  }
}

function text(key) {
  return MESSAGES[state.locale][key];
}

// ---- API -------------------------------------------------------------------------

async function api(path, options = {}) {
  const response = await fetch(`${API}${path}`, {
    ...options,
    headers: {
      Accept: 'application/json',
      // Errors come back in the language the page shows, not the browser's.
      'Accept-Language': state.locale,
      ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = new Error(
      (body && typeof body.error === 'string' && body.error) || `HTTP ${response.status}`,
    );
    error.status = response.status;
    error.localized = Boolean(body && typeof body.error === 'string');
    throw error;
  }
  return body;
}

// ---- Locale ----------------------------------------------------------------------

function applyLocale() {
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

function renderConnection() {
  els.connection.textContent = state.connection ? text(state.connection) : '';
  if (state.connection) els.connection.dataset.state = state.connection;
}

function setLocale(locale) {
  if (locale === state.locale) return;
  state.locale = locale;
  safeStorage(() => localStorage.setItem(LOCALE_KEY, locale));
  applyLocale();
  loadStatus();
}

// ---- Status banner ---------------------------------------------------------------

async function loadStatus() {
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

async function loadChannels() {
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

function renderChannels() {
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

async function selectChannel(channelId, threadId) {
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

// ---- Threads ---------------------------------------------------------------------

async function loadThreads() {
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

function sortThreads() {
  state.threads.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
}

let threadReload = null;
/** Several events for an unknown thread arrive together; one reload answers them all. */
function reloadThreadsSoon() {
  clearTimeout(threadReload);
  threadReload = setTimeout(loadThreads, 250);
}

function renderThreadList() {
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

function renderThreadTitle() {
  const thread = state.threads.find((t) => t.threadId === state.threadId);
  els.threadTitle.textContent = state.threadId ? (thread && thread.title) || '' : text('newQuestion');
}

function startNewQuestion() {
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

async function openThread(threadId) {
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

async function loadMessages(view = state.view) {
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

// ---- Messages --------------------------------------------------------------------

function upsertMessage(message) {
  if (!message || message.threadId !== state.threadId || message.channelId !== state.channelId) return;
  const known = state.messages.get(message.id);
  // An older copy (a fetch that raced an event) never replaces a newer one.
  if (known && String(known.updatedAt) > String(message.updatedAt)) return;
  const nearBottom = isNearBottom();
  state.messages.set(message.id, message);
  renderMessage(message);
  scrollToBottom(nearBottom);
}

function renderMessage(message) {
  let element = els.thread.querySelector(`[data-id="${CSS.escape(message.id)}"]`);
  if (!element) {
    element = document.createElement('article');
    element.dataset.testid = 'message';
    element.dataset.id = message.id;
    insertInOrder(element, message);
  }
  element.className = `message message--${message.author}`;
  element.dataset.author = message.author;

  const avatar = document.createElement('div');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = message.author === 'bot' ? '答' : text('you').slice(0, 1);

  const meta = document.createElement('header');
  meta.className = 'message-meta';
  const author = document.createElement('span');
  author.className = 'message-author';
  author.textContent = message.author === 'bot' ? text('bot') : text('you');
  const time = document.createElement('time');
  time.dateTime = message.createdAt;
  time.textContent = formatTime(message.createdAt);
  meta.append(author, time);

  const content = document.createElement('div');
  content.className = 'message-content';
  if (message.author === 'bot' && typeof message.html === 'string') {
    // Safe by construction: rendered by toConsoleHtml, which escapes every piece of text.
    content.innerHTML = message.html;
    restoreFeedback(content);
  } else {
    const paragraph = document.createElement('p');
    paragraph.className = 'message-text';
    paragraph.textContent = message.text;
    content.append(paragraph);
  }

  const body = document.createElement('div');
  body.className = 'message-body';
  body.append(meta, content);
  element.replaceChildren(avatar, body);
}

function insertInOrder(element, message) {
  const key = `${message.createdAt}\u0000${message.id}`;
  for (const child of els.thread.children) {
    const other = state.messages.get(child.dataset.id);
    if (other && `${other.createdAt}\u0000${other.id}` > key) {
      els.thread.insertBefore(element, child);
      return;
    }
  }
  els.thread.append(element);
}

function onEvent(message) {
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

// ---- Live updates (Server-Sent Events) -------------------------------------------

let retryTimer = null;

function connectEvents() {
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

// ---- Composer --------------------------------------------------------------------

function updateComposer() {
  els.composer.placeholder = state.threadId ? text('composerReply') : text('composerNew');
  els.send.textContent = state.sending ? text('sending') : text('send');
  els.send.disabled = state.sending || !state.channelId;
}

function showComposerError(message) {
  els.composerError.textContent = message;
}

function autosize() {
  els.composer.style.height = 'auto';
  els.composer.style.height = `${Math.min(els.composer.scrollHeight, 240)}px`;
}

async function send() {
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

// ---- Feedback --------------------------------------------------------------------

async function sendFeedback(button) {
  const { taskId, value } = button.dataset;
  const group = button.closest('.kotae-actions');
  const buttons = group ? [...group.querySelectorAll('button[data-action="feedback"]')] : [button];
  for (const other of buttons) other.disabled = true;
  try {
    await api('/feedback', { method: 'POST', body: JSON.stringify({ taskId, value }) });
    state.feedback.set(taskId, value);
    markFeedback(group ?? button.parentElement, taskId, value);
  } catch {
    for (const other of buttons) other.disabled = false;
    noteFeedback(group ?? button.parentElement, text('feedbackError'));
  }
}

function restoreFeedback(content) {
  for (const group of content.querySelectorAll('.kotae-actions')) {
    const first = group.querySelector('button[data-action="feedback"]');
    const value = first && state.feedback.get(first.dataset.taskId);
    if (value) markFeedback(group, first.dataset.taskId, value);
  }
}

function markFeedback(group, taskId, value) {
  for (const button of group.querySelectorAll('button[data-action="feedback"]')) {
    if (button.dataset.taskId !== taskId) continue;
    button.disabled = true;
    button.setAttribute('aria-pressed', String(button.dataset.value === value));
  }
  noteFeedback(group, text('feedbackThanks'));
}

function noteFeedback(group, message) {
  let note = group.querySelector('.kotae-feedback-note');
  if (!note) {
    note = document.createElement('span');
    note.className = 'kotae-feedback-note';
    note.setAttribute('role', 'status');
    group.append(note);
  }
  note.textContent = message;
}

// ---- Small helpers ---------------------------------------------------------------

function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const tag = state.locale === 'ja' ? 'ja-JP' : 'en-US';
  const today = new Date().toDateString() === date.toDateString();
  const options = today
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(tag, options).format(date);
}

function isNearBottom() {
  const scroller = els.threadScroll;
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
}

function scrollToBottom(force) {
  if (force) els.threadScroll.scrollTop = els.threadScroll.scrollHeight;
}

/** #/<channel>/<thread>: a reload or a shared link opens the same thread. */
function parseRoute() {
  const [, channelId, threadId] = location.hash.split('/').map((part) => decodeURIComponent(part));
  return { channelId: channelId || null, threadId: threadId || null };
}

function writeRoute() {
  const parts = [state.channelId, state.threadId].filter(Boolean).map(encodeURIComponent);
  const hash = `#/${parts.join('/')}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

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
});

applyLocale();
loadStatus();
loadChannels();
