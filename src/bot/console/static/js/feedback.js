// Kotae console: The 👍/👎 buttons under an answer.
import { api } from './api.js';
import { text } from './messages-i18n.js';
import { state } from './page-state.js';

// ---- Feedback --------------------------------------------------------------------

export async function sendFeedback(button) {
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

export function restoreFeedback(content) {
  for (const group of content.querySelectorAll('.kotae-actions')) {
    const first = group.querySelector('button[data-action="feedback"]');
    const value = first && state.feedback.get(first.dataset.taskId);
    if (value) markFeedback(group, first.dataset.taskId, value);
  }
}

export function markFeedback(group, taskId, value) {
  for (const button of group.querySelectorAll('button[data-action="feedback"]')) {
    if (button.dataset.taskId !== taskId) continue;
    button.disabled = true;
    button.setAttribute('aria-pressed', String(button.dataset.value === value));
  }
  noteFeedback(group, text('feedbackThanks'));
}

export function noteFeedback(group, message) {
  let note = group.querySelector('.kotae-feedback-note');
  if (!note) {
    note = document.createElement('span');
    note.className = 'kotae-feedback-note';
    note.setAttribute('role', 'status');
    group.append(note);
  }
  note.textContent = message;
}
