/**
 * "毎日届ける / Subscribe" under a Slack answer: the button (`kotae_subscribe`, value = task
 * id) opens the Subscribe modal with views.open and the click's trigger_id before the click
 * is acked (the trigger lasts 3 seconds). The view_submission goes through the same
 * submission as the console form; bad input is answered with `response_action: errors` on
 * its field in the person's language, so the modal stays open and nothing is saved. On
 * success the modal closes and the subscriber gets the confirmation privately.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { t } from '../../../core/i18n/translate.ts';
import { isLocale, type Locale } from '../../../core/locale.ts';
import { ACTION_IDS } from '../../../render/reply-actions.ts';
import {
  EMPTY_MODES,
  PRESETS,
  SUBSCRIBE_FIELDS,
  submitSubscribeForm,
  WEEKDAYS,
  type AnswerSubscriber,
} from '../../../digests/subscribe-form-submit.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { confirmAfterAck, inputValue, openModal, plain } from '../modal.ts';

export const SUBSCRIBE_VIEW = 'kotae_subscribe';

interface Metadata {
  team: string;
  channel: string;
  taskId: string;
  locale: Locale;
}

type SubscribeDeps = ListenerDeps & { subscribe: AnswerSubscriber };

function subscribeView(locale: Locale, metadata: Metadata) {
  const label = (key: Parameters<typeof t>[1]) => plain(t(locale, key), 2000);
  const option = (value: string, text: string) => ({ text: plain(text, 75), value });
  const select = (values: readonly string[], text: (value: string) => string, initial?: string) => {
    const options = values.map((value) => option(value, text(value)));
    const first = options.find((candidate) => candidate.value === initial);
    return {
      type: 'static_select',
      action_id: 'value',
      options,
      ...(first ? { initial_option: first } : {}),
    };
  };
  return {
    callback_id: SUBSCRIBE_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: plain(t(locale, 'digest.form.title')),
    submit: plain(t(locale, 'digest.form.submit')),
    close: plain(t(locale, 'digest.form.cancel')),
    blocks: [
      {
        type: 'input',
        block_id: 'title',
        optional: true,
        label: label('digest.form.name'),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 200 },
      },
      {
        type: 'input',
        block_id: 'preset',
        label: label('digest.form.preset'),
        element: select(PRESETS, (value) => t(locale, `digest.form.preset.${value}` as never), 'daily'),
      },
      {
        type: 'input',
        block_id: 'weekday',
        optional: true,
        label: label('digest.form.weekday'),
        element: select(WEEKDAYS, (value) => value),
      },
      {
        type: 'input',
        block_id: 'day',
        optional: true,
        label: label('digest.form.day'),
        element: {
          type: 'number_input',
          is_decimal_allowed: false,
          action_id: 'value',
          min_value: '1',
          max_value: '31',
        },
      },
      {
        type: 'input',
        block_id: 'time',
        label: label('digest.form.time'),
        element: { type: 'timepicker', action_id: 'value', initial_time: '09:00' },
      },
      {
        type: 'input',
        block_id: 'timeZone',
        optional: true,
        label: label('digest.form.timeZone'),
        hint: plain(t(locale, 'digest.form.timeZone.hint'), 2000),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 64 },
      },
      {
        type: 'input',
        block_id: 'emptyMode',
        label: label('digest.form.empty'),
        element: select(EMPTY_MODES, (value) => t(locale, `digest.form.empty.${value}` as never), 'post'),
      },
    ],
  };
}

export function registerSubscribeModalListener(app: App, deps: SubscribeDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.subscribe, async ({ ack, body, action }) => {
    try {
      const team = body.team?.id ?? body.user.team_id ?? '';
      const channel = body.channel?.id ?? body.container?.channel_id ?? '';
      const task = await deps.tasks.find(action.value ?? '', team);
      const locale = task?.locale ?? (await deps.localeFor(team));
      const metadata: Metadata = { team, channel, taskId: action.value ?? '', locale };
      await openModal(deps, { team, triggerId: body.trigger_id, view: subscribeView(locale, metadata) });
    } catch (error) {
      deps.logger.warn('could not open the Subscribe modal', { code: (error as { code?: string }).code });
    } finally {
      await ack();
    }
  });

  app.view(SUBSCRIBE_VIEW, async ({ ack, body, view, context }) => {
    const metadata = JSON.parse(view.private_metadata || '{}') as Partial<Metadata>;
    const locale: Locale = isLocale(metadata.locale) ? metadata.locale : deps.defaultLocale;
    const team = metadata.team ?? body.team?.id ?? '';
    const values = view.state.values as Parameters<typeof inputValue>[0];
    const fields = Object.fromEntries(SUBSCRIBE_FIELDS.map((field) => [field, inputValue(values, field)]));
    const outcome = await submitSubscribeForm(deps.subscribe, {
      taskId: metadata.taskId ?? '',
      person: { platform: 'slack', workspaceId: team, userId: body.user.id },
      fields,
      locale,
      now: deps.clock.now(),
    });
    if (!outcome.ok) {
      // An answer that cannot be subscribed has no field of its own: say it at the top.
      await ack({ response_action: 'errors', errors: { [outcome.field ?? 'title']: outcome.text } });
      return;
    }
    await ack();
    confirmAfterAck(deps, context, {
      team,
      channel: metadata.channel,
      user: body.user.id,
      text: outcome.text,
      what: 'a subscription',
    });
  });
}
