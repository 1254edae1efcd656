/**
 * The Google Cloud Pub/Sub queue. The message carries only the task id.
 *
 *  - Flow control is sized for slow LLM work: a handful of messages per worker
 *    (PUBSUB_MAX_MESSAGES, default 4), not the client's default of 1,000.
 *  - A message is acked only after its task ended. Until then the client keeps extending
 *    its ack deadline (lease management) up to maxExtensionTime.
 *  - Retryable failures are nacked for redelivery; anything else is acked, because the
 *    worker already failed the task and told the user.
 *  - Pub/Sub delivers at least once (exactly-once is not used: the emulator lacks it);
 *    the worker's atomic claim makes a redelivery harmless.
 */
import { Duration, type PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { isRetryable, KotaeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { DeliveryHandler, QueueConsumer, TaskQueue } from '../core/ports/task-queue.ts';

export interface PubSubQueueOptions {
  pubsub: PubSub;
  topic: string;
  subscription: string;
  /** Create the topic and subscription when missing (needs pubsub.editor). */
  createResources: boolean;
  maxMessages: number;
  /** Initial ack deadline in seconds (10–600). */
  ackDeadlineSeconds?: number;
  /** How long a task may hold its message, extending the deadline, before redelivery. */
  maxExtensionMinutes?: number;
  logger: Logger;
}

export function createPubSubQueue(options: PubSubQueueOptions): TaskQueue {
  const topic = options.pubsub.topic(options.topic);
  const subscriptions = new Set<Subscription>();
  let ready: Promise<void> | null = null;

  function ensureResources(): Promise<void> {
    ready ??= (async () => {
      if (!options.createResources) return;
      const [topicExists] = await topic.exists();
      if (!topicExists) await topic.create().catch(ignoreAlreadyExists);
      const subscription = topic.subscription(options.subscription);
      const [subscriptionExists] = await subscription.exists();
      if (!subscriptionExists) {
        await topic
          .createSubscription(options.subscription, {
            ackDeadlineSeconds: options.ackDeadlineSeconds ?? 60,
            retryPolicy: { minimumBackoff: { seconds: 5 }, maximumBackoff: { seconds: 300 } },
          })
          .catch(ignoreAlreadyExists);
      }
    })();
    return ready;
  }

  return {
    async publish(taskId, attributes = {}) {
      await ensureResources();
      await topic.publishMessage({
        data: Buffer.from(JSON.stringify({ taskId })),
        attributes: { ...attributes, taskId },
      });
    },

    async consume(handler: DeliveryHandler): Promise<QueueConsumer> {
      await ensureResources();
      const subscription = options.pubsub.subscription(options.subscription, {
        flowControl: { maxMessages: options.maxMessages, allowExcessMessages: false },
        maxExtensionTime: Duration.from({ minutes: options.maxExtensionMinutes ?? 60 }),
        minAckDeadline: Duration.from({ seconds: options.ackDeadlineSeconds ?? 60 }),
        // On close, wait for the tasks in hand (the worker releases what it cannot
        // finish in its grace period), then nack anything left.
        closeOptions: { behavior: 'WAIT', timeout: Duration.from({ seconds: 30 }) },
      });
      subscriptions.add(subscription);
      subscription.on('message', (message: Message) => void onMessage(message, handler));
      subscription.on('error', (error: unknown) =>
        options.logger.error('pubsub: subscriber error', { error }),
      );
      return {
        stop: async () => {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },

    async check() {
      // The topic's existence asks the Pub/Sub API (or the emulator) with our credentials.
      const [exists] = await topic.exists();
      if (!exists) throw new KotaeError('pubsub_topic_missing', `topic ${options.topic} does not exist`);
    },

    async close() {
      await Promise.allSettled([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
      await topic.flush().catch(() => {});
    },
  };

  async function onMessage(message: Message, handler: DeliveryHandler): Promise<void> {
    const taskId = parseTaskId(message);
    if (!taskId) {
      options.logger.error('pubsub: message without a task id; acking it away', { messageId: message.id });
      message.ack();
      return;
    }
    try {
      await handler({ taskId, deliveryAttempt: message.deliveryAttempt || 1 });
      message.ack();
    } catch (error) {
      if (isRetryable(error)) {
        message.nack();
      } else {
        options.logger.error('pubsub: task handler failed', { taskId, error });
        message.ack();
      }
    }
  }
}

function parseTaskId(message: Message): string | null {
  const fromAttributes = message.attributes?.['taskId'];
  if (fromAttributes) return fromAttributes;
  try {
    const body = JSON.parse(message.data.toString('utf8')) as { taskId?: unknown };
    return typeof body.taskId === 'string' ? body.taskId : null;
  } catch {
    return null;
  }
}

function ignoreAlreadyExists(error: { code?: number }): void {
  // gRPC ALREADY_EXISTS: another process created it first.
  if (error.code !== 6) throw error;
}
