/**
 * Socket Mode (SLACK_SOCKET_MODE=true, SLACK_APP_TOKEN=xapp-…): Slack pushes the same
 * payloads over a WebSocket the app opens, so a team behind a firewall needs no public
 * URL. Each envelope goes through the same dispatcher as HTTP; acking the envelope is
 * the ack. A failed event is not acked, so Slack redelivers it (deduplicated as usual).
 */
import { SocketModeClient } from '@slack/socket-mode';
import type { SlackDispatcher } from './dispatcher.ts';
import { LogLevel, toSdkLogger, type Logger } from './bolt-logger.ts';
import { KotaeError } from '../../core/errors.ts';

export interface SocketModeTransportOptions {
  appToken: string;
  dispatcher: SlackDispatcher;
  logger: Logger;
  logLevel?: LogLevel;
  /** Tests point apps.connections.open at the fake Slack. */
  slackApiUrl?: string;
}

export interface SocketModeTransport {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSocketModeTransport(options: SocketModeTransportOptions): SocketModeTransport {
  if (!options.appToken.startsWith('xapp-'))
    throw new KotaeError('config_invalid', 'SLACK_APP_TOKEN must be an app-level token (xapp-…)');
  const client = new SocketModeClient({
    appToken: options.appToken,
    logger: toSdkLogger(options.logger, options.logLevel ?? LogLevel.INFO),
    ...(options.slackApiUrl ? { clientOptions: { slackApiUrl: options.slackApiUrl } } : {}),
  });

  client.on(
    'slack_event',
    async (envelope: {
      ack: (response?: Record<string, unknown>) => Promise<void>;
      body: Record<string, unknown>;
      retry_num?: number;
      retry_reason?: string;
    }) => {
      const dispatched = await options.dispatcher.dispatch({
        body: envelope.body,
        ...(envelope.retry_num === undefined ? {} : { retryNum: envelope.retry_num }),
        ...(envelope.retry_reason ? { retryReason: envelope.retry_reason } : {}),
      });
      if (dispatched.ack.status >= 300) return;
      const payload = dispatched.ack.body;
      await envelope.ack(typeof payload === 'object' ? payload : undefined);
      dispatched.afterAck();
    },
  );

  return {
    start: async () => {
      await client.start();
    },
    stop: () => client.disconnect(),
  };
}
