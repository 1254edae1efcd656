/**
 * Buttons on an answer: "Show SQL" (`kotae_show_sql`) posts the statements behind the
 * answer, only to the person who asked for them; 👍/👎 (`kotae_feedback_up` / `_down`)
 * records one vote per task and person. Each button's value is the task id.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { t } from '../../../core/i18n/translate.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { sqlMessage } from '../sql-message.ts';

export const SHOW_SQL_ACTION = 'kotae_show_sql';
export const FEEDBACK_UP_ACTION = 'kotae_feedback_up';
export const FEEDBACK_DOWN_ACTION = 'kotae_feedback_down';

type Message = { text: string; blocks?: Array<Record<string, unknown>> };

export function registerActionListeners(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(SHOW_SQL_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const task = await deps.tasks.find(action.value ?? '', teamId);
    const locale = task?.locale ?? (await deps.localeFor(teamId));
    let message: Message;
    if (!task) message = { text: t(locale, 'slack.task.notFound') };
    else if (!task.finished) message = { text: t(locale, 'slack.sql.notReady') };
    else if (task.sql.length === 0) message = { text: t(locale, 'slack.sql.none') };
    else message = sqlMessage(t(locale, 'slack.sql.title'), task.sql);
    await replyPrivately(deps, body, respond, message);
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${FEEDBACK_UP_ACTION}|${FEEDBACK_DOWN_ACTION})$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const task = await deps.tasks.find(action.value ?? '', teamId);
      if (!task) {
        await replyPrivately(deps, body, respond, {
          text: t(await deps.localeFor(teamId), 'slack.task.notFound'),
        });
        return;
      }
      const value = action.action_id === FEEDBACK_UP_ACTION ? 'up' : 'down';
      await deps.feedback.record({ taskId: task.id, userId: body.user.id, value });
      await replyPrivately(deps, body, respond, { text: t(task.locale, `slack.feedback.${value}`) });
    },
  );
}

/** Through the action's response_url when it has one, else chat.postEphemeral. */
async function replyPrivately(
  deps: ListenerDeps,
  body: BlockAction,
  respond: RespondFn,
  message: Message,
): Promise<void> {
  if (body.response_url) {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks as never } : {}),
    });
    return;
  }
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (!channel || !body.team?.id) return;
  await deps.client.chat.postEphemeral({
    token: await deps.tokens.botTokenFor(body.team.id),
    channel,
    user: body.user.id,
    ...(body.message?.thread_ts ? { thread_ts: body.message.thread_ts as string } : {}),
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks as never } : {}),
  });
}
