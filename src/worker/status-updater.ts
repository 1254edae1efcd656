/**
 * Shows a task's progress in its placeholder without ever making the task wait for the
 * chat platform: updates are sent one at a time, in order, and while one is in flight
 * only the newest pending view is kept (the platform adapters throttle further).
 */
import type { Logger } from '../core/logger.ts';
import type { ChatPlatform, MessageContent, MessageRef } from '../core/ports/chat-platform.ts';

export interface StatusUpdater {
  push(content: MessageContent): void;
  /** Resolves once everything pushed so far was sent (or failed and was logged). */
  flush(): Promise<void>;
}

export function createStatusUpdater(
  platform: ChatPlatform,
  message: MessageRef,
  logger: Logger,
): StatusUpdater {
  let pending: MessageContent | null = null;
  let sending: Promise<void> | null = null;

  function drain(): Promise<void> {
    sending ??= (async () => {
      while (pending) {
        const next = pending;
        pending = null;
        try {
          await platform.update(message, next);
        } catch (error) {
          logger.warn('status update failed', { messageId: message.messageId, error });
        }
      }
      sending = null;
    })();
    return sending;
  }

  return {
    push(content) {
      pending = content;
      void drain();
    },
    async flush() {
      while (sending || pending) await drain();
    },
  };
}
