/**
 * "毎日届ける / Subscribe" under a Google Chat answer card: the button (function
 * `kotae_subscribe`, interaction OPEN_DIALOG, parameter taskId) arrives as a CARD_CLICKED
 * dialog request, answered synchronously with actionResponse DIALOG and the form as the
 * dialog's card. Its submit button calls the same function; the SUBMIT_DIALOG event's
 * formInputs go through the same submission as the console form and Slack's modal.
 * Bad input keeps the dialog open with actionStatus INVALID_ARGUMENT and the reason in the
 * person's language; success closes it with OK and the confirmation. Dialogs exist only
 * for classic Chat apps answering over HTTP, not for Workspace add-ons nor Pub/Sub.
 */
import type { chat_v1 } from '@googleapis/chat';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import {
  EMPTY_MODES,
  PRESETS,
  submitSubscribeForm,
  WEEKDAYS,
  type AnswerSubscriber,
} from '../../digests/subscribe-form-submit.ts';
import { ACTION_IDS } from '../../render/reply-actions.ts';
import type { ChatApiMessage } from './gchat-client.ts';

type Card = chat_v1.Schema$GoogleAppsCardV1Card;
type Widget = chat_v1.Schema$GoogleAppsCardV1Widget;

function subscribeCard(locale: Locale, taskId: string): Card {
  const select = (
    name: string,
    label: string,
    values: readonly string[],
    text: (value: string) => string,
    initial: string,
  ): Widget => ({
    selectionInput: {
      name,
      label,
      type: 'DROPDOWN',
      items: values.map((value) => ({ text: text(value), value, selected: value === initial })),
    },
  });
  const input = (name: string, label: string, value = '', hintText?: string): Widget => ({
    textInput: { name, label, type: 'SINGLE_LINE', value, ...(hintText ? { hintText } : {}) },
  });
  return {
    header: { title: t(locale, 'digest.form.title') },
    sections: [
      {
        widgets: [
          input('title', t(locale, 'digest.form.name')),
          select(
            'preset',
            t(locale, 'digest.form.preset'),
            PRESETS,
            (value) => t(locale, `digest.form.preset.${value}` as never),
            'daily',
          ),
          select('weekday', t(locale, 'digest.form.weekday'), WEEKDAYS, (value) => value, 'mon'),
          input('day', t(locale, 'digest.form.day')),
          input('time', t(locale, 'digest.form.time'), '09:00'),
          input('timeZone', t(locale, 'digest.form.timeZone'), '', t(locale, 'digest.form.timeZone.hint')),
          select(
            'emptyMode',
            t(locale, 'digest.form.empty'),
            EMPTY_MODES,
            (value) => t(locale, `digest.form.empty.${value}` as never),
            'post',
          ),
        ],
      },
    ],
    fixedFooter: {
      primaryButton: {
        text: t(locale, 'digest.form.submit'),
        onClick: {
          action: { function: ACTION_IDS.subscribe, parameters: [{ key: 'taskId', value: taskId }] },
        },
      },
    },
  };
}

const status = (statusCode: 'OK' | 'INVALID_ARGUMENT', userFacingMessage?: string): ChatApiMessage => ({
  actionResponse: {
    type: 'DIALOG',
    dialogAction: { actionStatus: { statusCode, ...(userFacingMessage ? { userFacingMessage } : {}) } },
  },
});

export interface SubscribeDialogInput {
  dialog: { event: 'request' | 'submit' | 'cancel'; inputs: Record<string, string> } | undefined;
  taskId: string;
  person: { workspaceId: string; userId: string };
  locale: Locale;
  now: Date;
}

/** The synchronous answer to a Subscribe click or its dialog's submission. */
export async function subscribeDialog(
  subscribe: AnswerSubscriber,
  input: SubscribeDialogInput,
): Promise<ChatApiMessage> {
  const { dialog, locale } = input;
  if (dialog?.event === 'cancel') return status('OK');
  if (dialog?.event !== 'submit')
    return {
      actionResponse: {
        type: 'DIALOG',
        dialogAction: { dialog: { body: subscribeCard(locale, input.taskId) } },
      },
    };
  const outcome = await submitSubscribeForm(subscribe, {
    taskId: input.taskId,
    person: { platform: 'gchat', ...input.person },
    fields: dialog.inputs,
    locale,
    now: input.now,
  });
  return outcome.ok ? status('OK', outcome.text) : status('INVALID_ARGUMENT', outcome.text);
}
