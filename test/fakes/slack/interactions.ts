/**
 * Interaction payloads as Slack sends them to an app's Request URL (form field `payload`):
 * - view_submission (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload):
 *   the view with its callback_id, private_metadata and `state.values[block_id][action_id]`,
 *   each value shaped by its element (static_select → selected_option, timepicker →
 *   selected_time, plain_text_input and number_input → value).
 * - block_actions (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload):
 *   a button click on a message, with a fresh trigger_id.
 */
import type { OpenedView } from './admin-methods.ts';

export type InputState =
  | { type: 'static_select'; value: string }
  | { type: 'timepicker'; value: string }
  | { type: 'plain_text_input' | 'number_input'; value: string | null };

function stateValue(input: InputState): Record<string, unknown> {
  switch (input.type) {
    case 'static_select':
      return {
        type: input.type,
        selected_option: { text: { type: 'plain_text', text: input.value }, value: input.value },
      };
    case 'timepicker':
      return { type: input.type, selected_time: input.value };
    default:
      return { type: input.type, value: input.value };
  }
}

export interface SlackPerson {
  team: string;
  user: string;
}

/** Submitting `opened` with these inputs (block_id → value; each element's action_id is `value`). */
export function viewSubmission(
  person: SlackPerson,
  opened: OpenedView,
  inputs: Record<string, InputState>,
  triggerId: string,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: person.team, domain: 'example' },
    user: { id: person.user, username: 'someone', name: 'someone', team_id: person.team },
    api_app_id: 'A123ABC456',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    trigger_id: triggerId,
    view: {
      id: opened.id,
      team_id: person.team,
      type: 'modal',
      callback_id: opened.view.callback_id,
      private_metadata: opened.view.private_metadata,
      state: {
        values: Object.fromEntries(
          Object.entries(inputs).map(([block, input]) => [block, { value: stateValue(input) }]),
        ),
      },
      hash: '156772938.1827394',
    },
  };
}

/** A click on button `actionId` (value `value`) under message `ts` in `channel`. */
export function buttonClick(
  person: SlackPerson,
  input: {
    channel: string;
    ts: string;
    threadTs?: string;
    actionId: string;
    value: string;
    triggerId: string;
  },
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: person.user, username: 'someone', name: 'someone', team_id: person.team },
    api_app_id: 'A123ABC456',
    token: '9s8d9as89d8as9d8as989',
    container: {
      type: 'message',
      message_ts: input.ts,
      channel_id: input.channel,
      is_ephemeral: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    trigger_id: input.triggerId,
    team: { id: person.team, domain: 'example' },
    channel: { id: input.channel, name: 'general' },
    message: { type: 'message', ts: input.ts, ...(input.threadTs ? { thread_ts: input.threadTs } : {}) },
    state: { values: {} },
    actions: [
      {
        action_id: input.actionId,
        block_id: 'kotae_actions',
        text: { type: 'plain_text', text: input.actionId },
        value: input.value,
        type: 'button',
        action_ts: '1548426417.840180',
      },
    ],
  };
}
