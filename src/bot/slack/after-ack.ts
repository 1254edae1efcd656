/**
 * Work a listener wants done only after Slack has its answer (the placeholder reply,
 * assistant status, suggested prompts): the ack must never wait on a Slack API call.
 * The dispatcher puts a registrar into Bolt's context; listeners call `afterAck(context, fn)`.
 */
export type AfterAckTask = () => Promise<unknown> | unknown;
export type AfterAckRegistrar = (task: AfterAckTask) => void;

export const AFTER_ACK_KEY = 'kotaeAfterAck';

export function afterAck(context: Record<string, unknown>, task: AfterAckTask): void {
  const register = context[AFTER_ACK_KEY] as AfterAckRegistrar | undefined;
  // Outside the dispatcher (never in production) run it at once rather than lose it.
  if (register) register(task);
  else void Promise.resolve().then(task);
}
