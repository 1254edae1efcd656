/**
 * The Slack part of the configuration, read from the parsed environment once, in
 * loadConfig (config.ts), and handed to the Slack app as is. Slack is off unless a SLACK_
 * variable is set; once on, a half-configured app stops start-up rather than accepting
 * requests it cannot verify or answering with no token.
 *
 *   SLACK_SIGNING_SECRET        verifies requests to /slack/events (required over HTTP)
 *   SLACK_SOCKET_MODE=true + SLACK_APP_TOKEN (xapp-…)   events over a WebSocket instead
 *   SLACK_BOT_TOKEN             one workspace
 *   SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET   OAuth installs, many workspaces
 *   SLACK_API_URL               override (tests)
 */
import { ConfigError } from './config-error.ts';
import type { Env } from './env-schema.ts';

/** Where Slack sends an installer back, as registered in the app's manifest. */
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/** How Slack's events reach Kotae: signed HTTP requests, or a Socket Mode WebSocket. */
export type SlackTransport = { kind: 'http'; signingSecret: string } | { kind: 'socket'; appToken: string };

export type SlackAuthSettings =
  | { kind: 'single'; botToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string; redirectUri: string };

export interface SlackSettings {
  transport: SlackTransport;
  auth: SlackAuthSettings;
  apiUrl?: string;
}

type SlackEnv = Pick<
  Env,
  | 'SLACK_SIGNING_SECRET'
  | 'SLACK_BOT_TOKEN'
  | 'SLACK_CLIENT_ID'
  | 'SLACK_CLIENT_SECRET'
  | 'SLACK_STATE_SECRET'
  | 'SLACK_APP_TOKEN'
  | 'SLACK_SOCKET_MODE'
  | 'SLACK_API_URL'
>;

/** null when Slack is not configured at all. `publicBaseUrl` makes the OAuth redirect URL. */
export function slackSettings(env: SlackEnv, publicBaseUrl: string): SlackSettings | null {
  const oauthWanted = Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET || env.SLACK_STATE_SECRET);
  if (!env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN && !oauthWanted && !env.SLACK_APP_TOKEN) return null;

  let transport: SlackTransport;
  if (env.SLACK_SOCKET_MODE) {
    if (!env.SLACK_APP_TOKEN?.startsWith('xapp-')) {
      throw new ConfigError(
        'SLACK_APP_TOKEN (an app-level token, xapp-…) is required when SLACK_SOCKET_MODE=true',
      );
    }
    transport = { kind: 'socket', appToken: env.SLACK_APP_TOKEN };
  } else {
    if (!env.SLACK_SIGNING_SECRET) {
      throw new ConfigError(
        'SLACK_SIGNING_SECRET is required to receive Slack requests over HTTP (or set SLACK_SOCKET_MODE=true)',
      );
    }
    transport = { kind: 'http', signingSecret: env.SLACK_SIGNING_SECRET };
  }

  let auth: SlackAuthSettings;
  if (oauthWanted) {
    if (!env.SLACK_CLIENT_ID || !env.SLACK_CLIENT_SECRET || !env.SLACK_STATE_SECRET) {
      throw new ConfigError(
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are required together',
      );
    }
    if (env.SLACK_BOT_TOKEN)
      throw new ConfigError('Set SLACK_BOT_TOKEN or the SLACK_CLIENT_* variables, not both');
    auth = {
      kind: 'oauth',
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
      redirectUri: `${publicBaseUrl.replace(/\/$/, '')}${SLACK_REDIRECT_PATH}`,
    };
  } else if (env.SLACK_BOT_TOKEN) {
    auth = { kind: 'single', botToken: env.SLACK_BOT_TOKEN };
  } else {
    throw new ConfigError(
      'Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET/STATE_SECRET (OAuth installs)',
    );
  }
  return { transport, auth, ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}) };
}
