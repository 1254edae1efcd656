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
import { PubSub, type Message } from '@google-cloud/pubsub';
import { GoogleAuth } from 'google-auth-library';
import { isKotaeError, isRetryable } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
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

/**
 * A client for Google Chat's Pub/Sub events; `emulatorHost` points it at the emulator.
 * The emulator needs no credentials, and an auth object that already knows its universe
 * keeps the client from probing the GCE metadata server (seconds, off Google Cloud)
 * without touching process.env.
 */
export function createChatPubSub(options: { projectId: string; emulatorHost?: string | undefined }): PubSub {
  if (!options.emulatorHost) return new PubSub({ projectId: options.projectId });
  return new PubSub({
    projectId: options.projectId,
    apiEndpoint: options.emulatorHost,
    emulatorMode: true,
    auth: new GoogleAuth({
      projectId: options.projectId,
      clientOptions: { universeDomain: 'googleapis.com' },
    }),
  });
}

export function startChatPubSubReceiver(options: ChatPubSubReceiverOptions): ChatPubSubReceiver {
  const { handler, platform, logger } = options;
  const subscription = options.pubsub.subscription(options.subscription, {
    flowControl: { maxMessages: options.maxMessages ?? 8, allowExcessMessages: false },
  });
  const inHand = new Set<Promise<void>>();

  async function receive(message: Message): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(message.data.toString('utf8'));
    } catch {
      logger.warn('Google Chat Pub/Sub message is not JSON; dropped', { messageId: message.id });
      message.ack();
      return;
    }
    let after: (() => Promise<void>) | undefined;
    try {
      const outcome = await handler.handle(body);
      if (!outcome.ok) {
        logger.warn('Google Chat Pub/Sub event malformed; dropped', {
          messageId: message.id,
          error: outcome.error,
        });
        message.ack();
        return;
      }
      const { immediate } = outcome.handled;
      after = outcome.handled.after;
      if (immediate) {
        await platform.send(immediate.space, immediate.message, {
          ...(immediate.threadName ? { threadName: immediate.threadName } : {}),
          // A redelivered event must not show its answer twice.
          requestKey: `gchat-pubsub:${message.id}`,
        });
      }
    } catch (error) {
      const retry = isRetryable(error) || !isKotaeError(error);
      logger.warn('Google Chat Pub/Sub event failed', { messageId: message.id, retry, error });
      if (retry) message.nack();
      else message.ack();
      return;
    }
    message.ack();
    if (after) {
      try {
        await after();
      } catch (error) {
        logger.warn('work after a Google Chat Pub/Sub event failed', { messageId: message.id, error });
      }
    }
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
