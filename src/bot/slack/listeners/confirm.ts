/**
 * The confirm button under a destructive admin verb (`kotae_confirm`; its value is the
 * command, e.g. "unmap confirm"). The click runs that command through the one router as
 * the person who clicked, so the admin check happens again; the answer goes only to them.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../../render/reply-actions.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function registerConfirmListener(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.confirm, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const channelId = body.channel?.id ?? body.container?.channel_id ?? '';
    const result = await deps.commands.handle({
      thread: { platform: 'slack', workspaceId: teamId, channelId, threadId: '' },
      userId: body.user.id,
      text: action.value ?? '',
    });
    const [message] = deps.render({ kind: 'reply', reply: result.reply });
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      text: message?.text ?? result.reply.text,
      ...(message?.blocks ? { blocks: message.blocks as never } : {}),
    });
  });
}
