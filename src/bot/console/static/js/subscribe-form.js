// Kotae console: the Subscribe form under an answer that ran a query: preset, time, time zone
// (the browser's by default), what to do with no rows, and a title.
import { api } from './api.js';
import { text } from './messages-i18n.js';
import { state } from './page-state.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function select(name, values) {
  const element = document.createElement('select');
  element.name = name;
  for (const [value, label] of Object.entries(values)) element.append(new Option(label, value));
  return element;
}

function input(name, attributes = {}) {
  const element = document.createElement('input');
  element.name = name;
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function labelled(label, control) {
  const element = document.createElement('label');
  element.append(`${label} `, control);
  return element;
}

export function openSubscribeForm(button) {
  const actions = button.closest('.kotae-actions') ?? button.parentElement;
  if (actions.nextElementSibling?.classList.contains('kotae-subscribe-form')) return;
  const form = document.createElement('form');
  form.className = 'kotae-subscribe-form';
  form.dataset.testid = 'subscribe-form';
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = text('subscribeTitle');
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = text('subscribeSubmit');
  const note = document.createElement('p');
  note.className = 'kotae-subscribe-note';
  note.setAttribute('role', 'status');
  fieldset.append(
    legend,
    labelled(text('subscribeName'), input('title')),
    labelled(
      text('subscribePreset'),
      select('preset', {
        daily: text('subscribePresetDaily'),
        weekdays: text('subscribePresetWeekdays'),
        weekly: text('subscribePresetWeekly'),
        monthly: text('subscribePresetMonthly'),
      }),
    ),
    labelled(text('subscribeWeekday'), select('weekday', Object.fromEntries(WEEKDAYS.map((d) => [d, d])))),
    labelled(text('subscribeDay'), input('day', { type: 'number', min: '1', max: '31', value: '1' })),
    labelled(text('subscribeTime'), input('time', { type: 'time', value: '09:00', required: '' })),
    labelled(
      text('subscribeZone'),
      input('timeZone', { value: Intl.DateTimeFormat().resolvedOptions().timeZone || '' }),
    ),
    labelled(
      text('subscribeEmpty'),
      select('emptyMode', { post: text('subscribeEmptyPost'), skip: text('subscribeEmptySkip') }),
    ),
    submit,
    note,
  );
  form.append(fieldset);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    try {
      const body = await api('/digests', {
        method: 'POST',
        body: JSON.stringify({
          ...data,
          day: Number(data.day),
          taskId: button.dataset.taskId,
          locale: state.locale,
        }),
      });
      note.textContent = body.text;
      submit.disabled = true;
    } catch (error) {
      note.textContent = error && error.localized ? error.message : text('networkError');
    }
  });
  actions.after(form);
}
