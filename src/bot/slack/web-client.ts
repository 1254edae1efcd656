/**
 * The one way Kotae builds a Slack WebClient. Two settings matter:
 * - `rejectRateLimitedCalls: true`: on 429 the SDK would otherwise pause its entire
 *   request queue (every channel, every workspace) for Retry-After; we throw instead and
 *   let the per-channel queue wait (../platform/conversation-queue.ts).
 * - `retryConfig: { retries: 0 }`: no hidden sleeps inside the SDK; our queue retries.
 * No token is baked in: each call passes the workspace's token, so one client serves all.
 */
import { WebClient } from '@slack/web-api';
import { LogLevel, toSdkLogger, type Logger } from './bolt-logger.ts';

export interface SlackClientOptions {
  /** Defaults to https://slack.com/api/. Tests point it at the fake Slack. */
  slackApiUrl?: string;
  logger: Logger;
  logLevel?: LogLevel;
  /** Per-request timeout; Slack answers in well under this. */
  timeoutMs?: number;
}

export function createSlackWebClient(options: SlackClientOptions): WebClient {
  return new WebClient(undefined, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: toSdkLogger(options.logger, options.logLevel ?? LogLevel.INFO),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 30_000,
  });
}
