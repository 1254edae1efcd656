/**
 * One Google Chat event that came through Pub/Sub (pulled, or pushed to
 * /pubsub/push/chat): the data is the event JSON the HTTP endpoint would receive. What HTTP
 * would answer synchronously is created through the Chat API. Acked once intake has
 * persisted its task (or there was nothing to keep); not acked when a retry is worth it,
 * and redelivery is safe because intake deduplicates by the Chat message name.
 */
import { isKotaeError, isRetryable } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { GchatEventHandler } from './gchat-event-handler.ts';
import type { GchatPlatform } from './gchat-platform.ts';

export interface ChatPubSubVerdict {
  ack: boolean;
  /** Work to do once the message is acked (the placeholder). */
  after?: () => Promise<void>;
}

export async function handleChatPubSubEvent(
  data: Buffer,
  messageId: string,
  deps: { handler: GchatEventHandler; platform: GchatPlatform; logger: Logger },
): Promise<ChatPubSubVerdict> {
  const { handler, platform, logger } = deps;
  let body: unknown;
  try {
    body = JSON.parse(data.toString('utf8'));
  } catch {
    logger.warn('Google Chat Pub/Sub message is not JSON; dropped', { messageId });
    return { ack: true };
  }
  try {
    const outcome = await handler.handle(body, 'pubsub');
    if (!outcome.ok) {
      logger.warn('Google Chat Pub/Sub event malformed; dropped', { messageId, error: outcome.error });
      return { ack: true };
    }
    const { immediate, after } = outcome.handled;
    if (immediate) {
      await platform.send(immediate.space, immediate.message, {
        ...(immediate.threadName ? { threadName: immediate.threadName } : {}),
        // A redelivered event must not show its answer twice.
        requestKey: `gchat-pubsub:${messageId}`,
      });
    }
    return after ? { ack: true, after } : { ack: true };
  } catch (error) {
    const retry = isRetryable(error) || !isKotaeError(error);
    logger.warn('Google Chat Pub/Sub event failed', { messageId, retry, error });
    return { ack: !retry };
  }
}

/** Runs the after-ack work, logging (never throwing) its failure. */
export async function runAfterAck(verdict: ChatPubSubVerdict, messageId: string, logger: Logger) {
  if (!verdict.after) return;
  try {
    await verdict.after();
  } catch (error) {
    logger.warn('work after a Google Chat Pub/Sub event failed', { messageId, error });
  }
}
