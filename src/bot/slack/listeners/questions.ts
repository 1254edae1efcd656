/**
 * Questions: @mentions in channels and messages in the app's DM. The listener does the
 * fast path only (parse → Intake.submit: validate, dedupe, persist, publish); the
 * placeholder reply is posted after the ack.
 */
import type { App } from '@slack/bolt';
import type { SubmitResult } from '../../../core/ports/intake.ts';
import { afterAck } from '../after-ack.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { toQuestionEvent, type SlackMessageEvent } from '../slack-parse.ts';

export function registerQuestionListeners(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ body, event, context }) => {
    await submitQuestion(
      deps,
      body as unknown as Record<string, unknown>,
      event as SlackMessageEvent,
      context,
    );
  });
  // Top-level DMs; threaded DM messages are taken by the assistant listener first.
  app.message(async ({ body, message, context }) => {
    const event = message as SlackMessageEvent;
    if (event.channel_type !== 'im') return;
    await submitQuestion(deps, body as unknown as Record<string, unknown>, event, context);
  });
}

export async function submitQuestion(
  deps: ListenerDeps,
  body: Record<string, unknown>,
  event: SlackMessageEvent,
  context: Record<string, unknown>,
): Promise<SubmitResult | null> {
  const botUserId = typeof context.botUserId === 'string' ? context.botUserId : undefined;
  const question = toQuestionEvent(body, event, { botUserId, receivedAt: deps.clock.now() });
  if (!question) return null;
  const result = await deps.intake.submit(question);
  switch (result.status) {
    case 'accepted':
      afterAck(context, () => deps.intake.postPlaceholder(result.taskId, deps.platform));
      break;
    case 'duplicate':
      deps.logger.info('Slack question already taken; not queued again', {
        eventId: question.eventId,
        taskId: result.taskId,
      });
      break;
    case 'rejected':
      afterAck(context, async () => {
        await deps.client.chat.postEphemeral({
          token: await deps.tokens.botTokenFor(question.thread.workspaceId),
          channel: question.thread.channelId,
          user: question.userId,
          thread_ts: question.thread.threadId,
          text: result.message,
        });
      });
      break;
  }
  return result;
}
