/**
 * Bolt's Receiver, as small as the interface allows. Requests reach Bolt through the
 * dispatcher (from our HTTP route or from Socket Mode), so this receiver only hands the
 * App over and starts/stops whatever transport owns the connection.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { KotaeError } from '../../core/errors.ts';

export interface KotaeReceiver extends Receiver {
  processEvent(event: ReceiverEvent): Promise<void>;
}

export function createKotaeReceiver(
  transport: { start(): Promise<void>; stop(): Promise<void> } = idle,
): KotaeReceiver {
  let app: App | null = null;
  return {
    init(initialised: App) {
      app = initialised;
    },
    start: () => transport.start(),
    stop: () => transport.stop(),
    async processEvent(event) {
      if (!app) throw new KotaeError('slack_receiver_unready', 'The Slack receiver has no App yet');
      await app.processEvent(event);
    },
  };
}

const idle = { start: async () => {}, stop: async () => {} };
