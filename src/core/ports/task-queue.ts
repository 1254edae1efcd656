/**
 * The task-queue port. The queue only carries a task id; the database holds the truth
 * about the task. Delivery is at-least-once, so consumers must be idempotent (the
 * worker's claim makes them so).
 */
export interface QueueDelivery {
  taskId: string;
  /** How many times this message has been delivered, when the queue knows (1 = first). */
  deliveryAttempt: number;
}

/**
 * Handles one delivery. Resolving acks the message. Rejecting with a retryable error
 * nacks it for redelivery; rejecting otherwise acks it (the task was already failed).
 */
export type DeliveryHandler = (delivery: QueueDelivery) => Promise<void>;

export interface QueueConsumer {
  /** Stops taking new messages and waits for the ones in hand to finish. */
  stop(): Promise<void>;
}

export interface TaskQueue {
  /** `attributes` travel with the message where the queue has them (Pub/Sub: the trace context). */
  publish(taskId: string, attributes?: Record<string, string>): Promise<void>;
  consume(handler: DeliveryHandler): Promise<QueueConsumer>;
  close(): Promise<void>;
  /** Readiness: resolves when the queue can take messages, rejects saying why not. */
  check?(signal: AbortSignal): Promise<void>;
}
