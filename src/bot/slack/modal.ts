/**
 * Slack modals, shared by every form Kotae opens (LLM keys, Subscribe): views.open with an
 * interaction's trigger_id (valid for 3 seconds, so callers open before they ack), and
 * reading one input's value back from a view_submission's state, whatever its element.
 */
import { afterAck } from './after-ack.ts';
import type { ListenerDeps } from './listener-deps.ts';

/** Slack's plain_text object; titles and buttons allow 24 characters, labels 2,000. */
export const plain = (text: string, max = 24) => ({ type: 'plain_text' as const, text: text.slice(0, max) });

export async function openModal(
  deps: Pick<ListenerDeps, 'client' | 'tokens'>,
  input: { team: string; triggerId: string; view: Record<string, unknown> & { callback_id: string } },
): Promise<void> {
  await deps.client.views.open({
    token: await deps.tokens.botTokenFor(input.team),
    trigger_id: input.triggerId,
    view: { type: 'modal', ...input.view } as never,
  });
}

interface InputValue {
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_time?: string | null;
}

/** The value of the input in block `blockId` (its element's action_id is `value`). */
export function inputValue(
  values: Record<string, Record<string, InputValue>>,
  blockId: string,
): string | undefined {
  const input = values[blockId]?.['value'];
  return input?.selected_option?.value ?? input?.selected_time ?? input?.value ?? undefined;
}

/**
 * After a submission's ack: tells the person privately in the channel the form came from
 * what was done. A failure is logged (by its Slack code only) and never reaches the person.
 */
export function confirmAfterAck(
  deps: Pick<ListenerDeps, 'client' | 'tokens' | 'logger'>,
  context: Parameters<typeof afterAck>[0],
  input: { team: string; channel: string | undefined; user: string; text: string; what: string },
): void {
  const { channel } = input;
  if (!channel) return;
  afterAck(context, async () => {
    await deps.client.chat
      .postEphemeral({
        token: await deps.tokens.botTokenFor(input.team),
        channel,
        user: input.user,
        text: input.text,
      })
      .catch((error: unknown) =>
        deps.logger.warn(`could not confirm ${input.what}`, { code: (error as { code?: string }).code }),
      );
  });
}
