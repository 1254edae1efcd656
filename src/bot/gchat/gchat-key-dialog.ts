/**
 * The LLM key form on Google Chat: a dialog, answered synchronously over the HTTP endpoint
 * (Google does not support dialogs for apps that receive events through Pub/Sub).
 * `/kotae keys` answers with `actionResponse: DIALOG` holding a provider drop-down and a
 * text input when the command came as a dialog request; otherwise with a private message
 * whose button opens that dialog (Chat lets a slash command open a dialog only when it is
 * configured to, and `/kotae` carries every verb). The dialog's Save button comes back as a CARD_CLICKED with
 * `dialogEventType: SUBMIT_DIALOG` and the typed values in `common.formInputs`. The key goes
 * from there straight into the key vault: it is never logged, never echoed, and the
 * confirmation shows it masked. Bad input re-opens the dialog with the problem on top and
 * the key field empty.
 */
import type { chat_v1 } from '@googleapis/chat';
import { t } from '../../core/i18n/translate.ts';
import { isLocale, type Locale } from '../../core/locale.ts';
import type { Person } from '../../core/ports/admin-policy.ts';
import { escapeChatHtml } from '../../render/gchat-text.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import type { ChatApiMessage } from './gchat-client.ts';
import type { ChatInteraction } from './gchat-parse.ts';

/** The Save button's function name; also how a submission is recognised as ours. */
export const KEY_DIALOG_SAVE = 'kotae_keys_save';
/** The "Enter a key" button's function name (it opens the dialog). */
export const KEY_DIALOG_OPEN = 'kotae_keys_open';

type Card = chat_v1.Schema$GoogleAppsCardV1Card;
type Widget = chat_v1.Schema$GoogleAppsCardV1Widget;
type DialogSubmit = Extract<ChatInteraction, { kind: 'dialog' }>;

/** The dialog, as the synchronous answer to `/kotae keys`. */
export function keyDialog(
  locale: Locale,
  providers: readonly string[],
  notes: { stored?: string; problem?: string } = {},
): ChatApiMessage {
  const paragraph = (text: string): Widget => ({ textParagraph: { text: escapeChatHtml(text) } });
  const widgets: Widget[] = [
    ...(notes.problem ? [paragraph(`⚠️ ${notes.problem}`)] : []),
    ...(notes.stored ? [paragraph(notes.stored)] : []),
    paragraph(t(locale, 'admin.keys.console')),
    {
      selectionInput: {
        name: 'provider',
        label: t(locale, 'admin.keys.provider'),
        type: 'DROPDOWN',
        items: providers.map((provider, index) => ({
          text: provider,
          value: provider,
          selected: index === 0,
        })),
      },
    },
    { textInput: { name: 'key', label: t(locale, 'admin.keys.key'), type: 'SINGLE_LINE' } },
  ];
  const body: Card = {
    header: { title: t(locale, 'admin.keys.title') },
    sections: [{ widgets }],
    fixedFooter: {
      primaryButton: {
        text: t(locale, 'admin.keys.save'),
        onClick: {
          action: { function: KEY_DIALOG_SAVE, parameters: [{ key: 'locale', value: locale }] },
        },
      },
    },
  };
  return { actionResponse: { type: 'DIALOG', dialogAction: { dialog: { body } } } };
}

/**
 * The answer to `/kotae keys` when the command itself may not open a dialog (Chat opens one
 * from a slash command only if it is configured to): the stored keys and a button whose
 * click (`interaction: OPEN_DIALOG`) comes back as a REQUEST_DIALOG for `keyDialog`.
 */
export function keyDialogButton(locale: Locale, text: string): ChatApiMessage {
  return {
    text,
    cardsV2: [
      {
        cardId: 'kotae-keys',
        card: {
          sections: [
            {
              widgets: [
                {
                  buttonList: {
                    buttons: [
                      {
                        text: t(locale, 'admin.keys.enter'),
                        onClick: {
                          action: {
                            function: KEY_DIALOG_OPEN,
                            interaction: 'OPEN_DIALOG',
                            parameters: [{ key: 'locale', value: locale }],
                          },
                        },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
    ],
  };
}

/** Closes the dialog; Chat shows `text` to the submitter alone. */
export function closeDialog(text?: string, statusCode: 'OK' | 'PERMISSION_DENIED' = 'OK'): ChatApiMessage {
  return {
    actionResponse: {
      type: 'DIALOG',
      dialogAction: { actionStatus: { statusCode, ...(text ? { userFacingMessage: text } : {}) } },
    },
  };
}

/** A Save click: store the key sealed (admins only) and close, or re-open with the problem. */
export async function submitKeyDialog(
  submit: DialogSubmit,
  keys: KeyVault,
  person: Person,
  /** The configured language, when neither the person's nor the dialog's is known. */
  defaultLocale: Locale,
): Promise<ChatApiMessage> {
  const asked = submit.parameters['locale'];
  const locale: Locale = submit.context.locale ?? (isLocale(asked) ? asked : defaultLocale);
  const result = await keys.save(
    person,
    { provider: submit.inputs['provider'] ?? '', key: submit.inputs['key'] ?? '' },
    locale,
  );
  if (result.ok) return closeDialog(result.text);
  if (result.field === 'admin') return closeDialog(result.text, 'PERMISSION_DENIED');
  return keyDialog(locale, keys.providers, { problem: result.text });
}
