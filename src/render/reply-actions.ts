/**
 * The buttons under an answer, decided once for every platform. The ids are the wire
 * contract with the interaction handlers (Slack action_id, Chat function name, console
 * data-action): change them and clicks stop arriving.
 */
import type { Locale } from '../core/locale.ts';
import type { Reply } from '../core/reply.ts';
import { t } from '../core/i18n/translate.ts';

export const ACTION_IDS = {
  showSql: 'kotae_show_sql',
  feedbackUp: 'kotae_feedback_up',
  feedbackDown: 'kotae_feedback_down',
  /** Google Chat carries the vote as a parameter of one function. */
  feedback: 'kotae_feedback',
  /** Runs the command in the button's value (`unmap confirm`, …) as the person who clicked. */
  confirm: 'kotae_confirm',
  /** Opens the Subscribe form (Slack modal, Chat dialog, console form) for the answer. */
  subscribe: 'kotae_subscribe',
} as const;

export interface ReplyButton {
  kind: 'show_sql' | 'feedback' | 'confirm' | 'subscribe';
  /** Slack action_id. */
  actionId: string;
  label: string;
  taskId: string;
  value?: 'up' | 'down';
  /** For `confirm`: the command text to run after `/kotae`. */
  command?: string;
}

export function replyButtons(reply: Reply, locale: Locale): ReplyButton[] {
  const buttons: ReplyButton[] = [];
  for (const action of reply.actions ?? []) {
    if (action.kind === 'confirm') {
      buttons.push({
        kind: 'confirm',
        actionId: ACTION_IDS.confirm,
        label: t(locale, 'admin.confirm.button'),
        taskId: '',
        command: action.command,
      });
      continue;
    }
    const button: ReplyButton =
      action.kind === 'show_sql'
        ? {
            kind: 'show_sql',
            actionId: ACTION_IDS.showSql,
            label: t(locale, 'render.button.showSql'),
            taskId: action.taskId,
          }
        : {
            kind: 'feedback',
            actionId: action.value === 'up' ? ACTION_IDS.feedbackUp : ACTION_IDS.feedbackDown,
            label: t(
              locale,
              action.value === 'up' ? 'render.button.feedbackUp' : 'render.button.feedbackDown',
            ),
            taskId: action.taskId,
            value: action.value,
          };
    // Slack rejects two elements with one action_id in a block.
    if (!buttons.some((other) => other.actionId === button.actionId)) buttons.push(button);
  }
  // An answer that ran a query (it has the SQL button) and can be rated (a digest cannot)
  // can be subscribed.
  const sql = buttons.find((button) => button.kind === 'show_sql');
  if (sql && buttons.some((button) => button.kind === 'feedback'))
    buttons.push({
      kind: 'subscribe',
      actionId: ACTION_IDS.subscribe,
      label: t(locale, 'digest.subscribe.button'),
      taskId: sql.taskId,
    });
  return buttons;
}
