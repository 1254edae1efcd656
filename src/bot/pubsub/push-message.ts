/**
 * The body Pub/Sub push POSTs (https://cloud.google.com/pubsub/docs/push#receive_push):
 *   { message: { data: base64, attributes, messageId, publishTime }, subscription, deliveryAttempt? }
 */
import { z } from 'zod';

const pushSchema = z.object({
  message: z.object({
    data: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
    messageId: z.string().optional(),
    message_id: z.string().optional(),
  }),
  subscription: z.string().optional(),
  deliveryAttempt: z.number().int().optional(),
});

export interface PushMessage {
  id: string;
  data: Buffer;
  attributes: Record<string, string>;
  subscription: string | undefined;
  deliveryAttempt: number;
}

export function parsePushMessage(body: unknown): PushMessage | null {
  const parsed = pushSchema.safeParse(body);
  if (!parsed.success) return null;
  const { message, subscription, deliveryAttempt } = parsed.data;
  return {
    id: message.messageId ?? message.message_id ?? '',
    data: Buffer.from(message.data ?? '', 'base64'),
    attributes: message.attributes ?? {},
    subscription,
    deliveryAttempt: deliveryAttempt ?? 1,
  };
}

/** The task id a task message carries (attribute first, then the JSON data). */
export function pushTaskId(message: PushMessage): string | null {
  const fromAttributes = message.attributes['taskId'];
  if (fromAttributes) return fromAttributes;
  try {
    const body = JSON.parse(message.data.toString('utf8')) as { taskId?: unknown };
    return typeof body.taskId === 'string' ? body.taskId : null;
  } catch {
    return null;
  }
}
