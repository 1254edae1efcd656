/** The configured task queue: Pub/Sub in production, in-process for the embedded default. */
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import { createMemoryQueue } from '../queue/memory-queue.ts';
import { createPubSubClient } from '../queue/pubsub-client.ts';
import { createPubSubQueue } from '../queue/pubsub-queue.ts';

export function createQueue(config: Config, logger: Logger): TaskQueue {
  const queue = config.queue;
  if (queue.kind === 'memory')
    return createMemoryQueue({ concurrency: config.tasks.workerConcurrency, logger });
  return createPubSubQueue({
    pubsub: createPubSubClient({ projectId: queue.projectId, emulatorHost: queue.emulatorHost }),
    topic: queue.topic,
    subscription: queue.subscription,
    createResources: queue.createResources,
    maxMessages: queue.maxMessages,
    ackDeadlineSeconds: queue.ackDeadlineSeconds,
    logger,
  });
}
