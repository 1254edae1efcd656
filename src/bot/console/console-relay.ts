/**
 * Live console updates across processes. When bot and worker are separate processes on
 * one PostgreSQL, the worker's placeholder, steps and answer are written to the database
 * by the worker, while the page is open on the bot. Every publish is also announced on
 * the `kotae_console` channel (NOTIFY, with the message id and the announcing instance);
 * the bot LISTENs and fans the stored message out to its own browsers. A process ignores
 * its own announcements, which its local hub already delivered.
 */
import type { Logger } from '../../core/logger.ts';
import type { ConsoleMessageView, ConsoleHub } from './console-hub.ts';

export const CONSOLE_CHANNEL = 'kotae_console';

export interface ConsoleRelayDeps {
  instanceId: string;
  notify(payload: string): Promise<void>;
  /** The stored message as a view, or null when it is gone. */
  load(messageId: string): Promise<ConsoleMessageView | null>;
  logger: Logger;
}

/** A hub whose publishes are also announced to the other processes. */
export function relayedConsoleHub(local: ConsoleHub, deps: ConsoleRelayDeps): ConsoleHub {
  return {
    subscribe: (channelId, listener) => local.subscribe(channelId, listener),
    publish(view) {
      local.publish(view);
      deps.notify(`${deps.instanceId} ${view.id}`).catch((error: unknown) => {
        deps.logger.warn('console: could not announce an update', { messageId: view.id, error });
      });
    },
  };
}

/** What to do with an announcement heard on the channel: deliver others' messages locally. */
export function onConsoleAnnouncement(local: ConsoleHub, deps: ConsoleRelayDeps) {
  // One load at a time, in the order heard: a status read before the answer is never
  // published after it.
  let chain: Promise<void> = Promise.resolve();
  return (payload: string) => {
    const [from, messageId] = payload.split(' ');
    if (!messageId || from === deps.instanceId) return;
    chain = chain.then(async () => {
      try {
        const view = await deps.load(messageId);
        if (view) local.publish(view);
      } catch (error) {
        deps.logger.warn('console: could not load an update', { messageId, error });
      }
    });
  };
}
