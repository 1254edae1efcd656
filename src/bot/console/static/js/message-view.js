// Kotae console: Messages in the open thread: bot HTML (server-rendered, safe) and the person's text.
import { restoreFeedback } from './feedback.js';
import { text } from './messages-i18n.js';
import { formatTime, isNearBottom, scrollToBottom } from './page-helpers.js';
import { els, state } from './page-state.js';

// ---- Messages --------------------------------------------------------------------

export function upsertMessage(message) {
  if (!message || message.threadId !== state.threadId || message.channelId !== state.channelId) return;
  const known = state.messages.get(message.id);
  // An older copy (a fetch that raced an event) never replaces a newer one.
  if (known && String(known.updatedAt) > String(message.updatedAt)) return;
  const nearBottom = isNearBottom();
  state.messages.set(message.id, message);
  renderMessage(message);
  scrollToBottom(nearBottom);
}

export function renderMessage(message) {
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

export function insertInOrder(element, message) {
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
