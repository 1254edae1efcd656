/**
 * Google Chat events from a Pub/Sub subscription, for Chat apps behind a firewall: the
 * Chat API configuration names a topic (Chat publishes as
 * chat-api-push@system.gserviceaccount.com), and each message's data is the same event
 * JSON the HTTP endpoint would receive. No bearer token comes with it: IAM on the
 * subscription decides who may read.
 *
 * There is no synchronous answer over Pub/Sub, so what HTTP would return in the response
 * (a welcome, a command's reply, a refusal) is created through the Chat API instead.
 * A message is acked once intake has persisted its task (or there was nothing to keep);
 * it is nacked for redelivery when the failure is worth a retry, and redelivery is safe
 * because intake deduplicates by the Chat message name.
 */
import type { PubSub, Message } from '@google-cloud/pubsub';
import type { Logger } from '../../core/logger.ts';
import { handleChatPubSubEvent, runAfterAck } from './gchat-pubsub-event.ts';
import type { GchatEventHandler } from './gchat-event-handler.ts';
import type { GchatPlatform } from './gchat-platform.ts';

export interface ChatPubSubReceiverOptions {
  pubsub: PubSub;
  /** Subscription name or full path (projects/…/subscriptions/…). */
  subscription: string;
  handler: GchatEventHandler;
  platform: GchatPlatform;
  logger: Logger;
  /** Events handled at once. */
  maxMessages?: number;
}

export interface ChatPubSubReceiver {
  /** Stops pulling and waits for the events in hand. */
  stop(): Promise<void>;
}

export function startChatPubSubReceiver(options: ChatPubSubReceiverOptions): ChatPubSubReceiver {
  const { handler, platform, logger } = options;
  const subscription = options.pubsub.subscription(options.subscription, {
    flowControl: { maxMessages: options.maxMessages ?? 8, allowExcessMessages: false },
  });
  const inHand = new Set<Promise<void>>();

  async function receive(message: Message): Promise<void> {
    const verdict = await handleChatPubSubEvent(message.data, message.id, { handler, platform, logger });
    if (!verdict.ack) {
      message.nack();
      return;
    }
    message.ack();
    await runAfterAck(verdict, message.id, logger);
  }

  subscription.on('message', (message: Message) => {
    const work = receive(message).finally(() => inHand.delete(work));
    inHand.add(work);
  });
  subscription.on('error', (error: unknown) => {
    logger.error('Google Chat Pub/Sub subscription error', { error });
  });

  return {
    async stop() {
      subscription.removeAllListeners('message');
      await subscription.close();
      await Promise.allSettled([...inHand]);
    },
  };
}
