// Kotae console: Times, scrolling, and the #/<channel>/<thread> address.
import { els, state } from './page-state.js';

// ---- Small helpers ---------------------------------------------------------------

export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date().toDateString() === date.toDateString();
  const options = today
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  // Intl takes the page's language as it is (ja, en) and picks that language's usual region.
  return new Intl.DateTimeFormat(state.locale, options).format(date);
}

export function isNearBottom() {
  const scroller = els.threadScroll;
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
}

export function scrollToBottom(force) {
  if (force) els.threadScroll.scrollTop = els.threadScroll.scrollHeight;
}

/** #/<channel>/<thread>: a reload or a shared link opens the same thread. */
export function parseRoute() {
  const [, channelId, threadId] = location.hash.split('/').map((part) => decodeURIComponent(part));
  return { channelId: channelId || null, threadId: threadId || null };
}

export function writeRoute() {
  const parts = [state.channelId, state.threadId].filter(Boolean).map(encodeURIComponent);
  const hash = `#/${parts.join('/')}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
