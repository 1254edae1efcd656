// Kotae console: What the page holds (the open channel, thread and messages) and its elements.

export const LOCALE_KEY = 'kotae.locale';

export const state = {
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

export const $ = (id) => document.getElementById(id);
export const els = {
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
export function setMenu(open) {
  els.app.classList.toggle('menu-open', open);
  els.menuButton.setAttribute('aria-expanded', String(open));
}

/** The languages the page offers: its [data-locale] buttons. */
export function pageLocales() {
  return [...document.querySelectorAll('[data-locale]')].map((button) => button.dataset.locale);
}

/**
 * The saved choice, else the first of the browser's languages the page offers (by its
 * primary subtag: ja-JP is ja), else the server's default, which it writes into <html lang>.
 */
export function initialLocale() {
  const offered = pageLocales();
  const saved = safeStorage(() => localStorage.getItem(LOCALE_KEY));
  if (offered.includes(saved)) return saved;
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  const preferred = browser
    .map(
      (tag) =>
        String(tag ?? '')
          .toLowerCase()
          .split('-')[0],
    )
    .find((language) => offered.includes(language));
  return preferred ?? document.documentElement.lang;
}

export function safeStorage(read) {
  try {
    return read();
  } catch {
    return null;
  }
}
