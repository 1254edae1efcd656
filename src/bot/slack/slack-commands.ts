/**
 * The `/kotae` slash command. The shared CommandRouter answers (`help`, `ask …`); the
 * answer goes back in the ack itself, ephemeral unless the router says otherwise, so it
 * costs no API call. `ask` queues a question; its placeholder starts a thread in the
 * channel after the ack.
 */
import type { App } from '@slack/bolt';
import type { CommandEvent } from '../../core/chat-event.ts';
import { t } from '../../core/i18n/translate.ts';
import { afterAck } from './after-ack.ts';
import { openKeysModal } from './listeners/keys-modal.ts';
import type { ListenerDeps } from './listener-deps.ts';

export function registerCommandListener(app: App, deps: ListenerDeps): void {
  app.command(deps.commandName, async ({ command, ack, context }) => {
    const base: CommandEvent = {
      // trigger_id is unique per invocation: a retried `/kotae ask` queues one question.
      ...(command.trigger_id ? { eventId: command.trigger_id } : {}),
      // No thread yet: the platform starts one when it posts (ThreadRef.threadId '').
      thread: {
        platform: 'slack',
        workspaceId: command.team_id,
        channelId: command.channel_id,
        threadId: '',
      },
      userId: command.user_id,
      text: command.text ?? '',
    };
    let result;
    try {
      // Slack's command payload carries no language: answer in the workspace's, unless the
      // command's own words are Japanese (the question path falls back the same way).
      const event: CommandEvent = { ...base, fallbackLocale: await deps.localeFor(command.team_id) };
      result = await deps.commands.handle(event);
    } catch (error) {
      deps.logger.error('The /kotae command failed', {
        error: error instanceof Error ? error : String(error),
      });
      const locale = await deps.localeFor(command.team_id);
      await ack({ response_type: 'ephemeral', text: t(locale, 'slack.command.failed') });
      return;
    }
    let reply = result.reply;
    if (result.form === 'llm_keys' && deps.keys && command.trigger_id) {
      // The trigger_id lives 3 s: open the modal before acking, so the ack cannot eat into it.
      const locale = reply.locale;
      try {
        await openKeysModal(
          { ...deps, keys: deps.keys },
          { triggerId: command.trigger_id, team: command.team_id, channel: command.channel_id, locale },
        );
        reply = { ...reply, text: `${reply.text}\n${t(locale, 'admin.keys.opened')}` };
      } catch (error) {
        deps.logger.warn('views.open failed', { code: (error as { code?: string }).code });
        reply = { ...reply, kind: 'error', text: t(locale, 'slack.command.failed') };
      }
    }
    const [message] = deps.render({
      kind: 'reply',
      reply,
      ...(result.chart ? { chart: result.chart } : {}),
    });
    await ack({
      response_type: result.ephemeral ? 'ephemeral' : 'in_channel',
      text: message?.text ?? reply.text,
      ...(message?.blocks ? { blocks: message.blocks as never } : {}),
    });
    const taskId = result.taskId;
    if (taskId) afterAck(context, () => deps.intake.postPlaceholder(taskId, deps.platform));
  });
}
