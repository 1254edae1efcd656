/**
 * The LLM key form on Slack: a modal opened with views.open and the slash command's
 * trigger_id (valid for 3 seconds, so it is opened before the command is acked), and its
 * view_submission. Bad input is answered with `response_action: errors` on the field, so
 * the modal stays open. The key goes from the submission straight into the key vault; it
 * is never logged, never echoed, and the confirmation shows it masked.
 */
import type { App } from '@slack/bolt';
import { t } from '../../../core/i18n/translate.ts';
import { isLocale, type Locale } from '../../../core/locale.ts';
import type { KeyVault } from '../../admin/key-vault.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { confirmAfterAck, inputValue, openModal, plain } from '../modal.ts';

export const KEYS_VIEW = 'kotae_llm_keys';

interface Metadata {
  team: string;
  channel: string;
  locale: Locale;
}

export async function openKeysModal(
  deps: ListenerDeps & { keys: KeyVault },
  input: { triggerId: string; team: string; channel: string; locale: Locale },
): Promise<void> {
  const { locale } = input;
  const metadata: Metadata = { team: input.team, channel: input.channel, locale };
  await openModal(deps, {
    team: input.team,
    triggerId: input.triggerId,
    view: {
      callback_id: KEYS_VIEW,
      private_metadata: JSON.stringify(metadata),
      title: plain(t(locale, 'admin.keys.title')),
      submit: plain(t(locale, 'admin.keys.save')),
      close: plain(t(locale, 'admin.keys.cancel')),
      blocks: [
        {
          type: 'input',
          block_id: 'provider',
          label: plain(t(locale, 'admin.keys.provider')),
          element: {
            type: 'static_select',
            action_id: 'value',
            ...(deps.keys.providers[0]
              ? { initial_option: { text: plain(deps.keys.providers[0]), value: deps.keys.providers[0] } }
              : {}),
            options: deps.keys.providers.map((provider) => ({ text: plain(provider), value: provider })),
          },
        },
        {
          type: 'input',
          block_id: 'key',
          label: plain(t(locale, 'admin.keys.key')),
          element: { type: 'plain_text_input', action_id: 'value' },
        },
      ],
    },
  });
}

export function registerKeysModalListener(app: App, deps: ListenerDeps & { keys: KeyVault }): void {
  app.view(KEYS_VIEW, async ({ ack, body, view, context }) => {
    const metadata = JSON.parse(view.private_metadata || '{}') as Partial<Metadata>;
    const locale: Locale = isLocale(metadata.locale) ? metadata.locale : 'en';
    const team = metadata.team ?? body.team?.id ?? '';
    const values = view.state.values;
    const provider = inputValue(values, 'provider') ?? '';
    const key = inputValue(values, 'key') ?? '';
    const result = await deps.keys.save(
      { platform: 'slack', workspaceId: team, userId: body.user.id },
      { provider, key },
      locale,
    );
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: { [result.field === 'provider' ? 'provider' : 'key']: result.text },
      });
      return;
    }
    await ack();
    confirmAfterAck(deps, context, {
      team,
      channel: metadata.channel,
      user: body.user.id,
      text: result.text,
      what: 'a saved key',
    });
  });
}
