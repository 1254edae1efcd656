/**
 * The Slack app from configuration, for the composition root (src/app/start-kotae.ts):
 *
 *   const slack = createSlackFromConfig(config, { …stores, intake, commands, logger, clock, encryption });
 *   if (slack) { platforms.slack = slack.platform; routes.push(...slack.routes); await slack.start(); }
 *
 * Modes, from the SLACK_* variables (docs/slack.md):
 * - none set: Slack is off (null);
 * - SLACK_SOCKET_MODE=true needs SLACK_APP_TOKEN; otherwise SLACK_SIGNING_SECRET is required
 *   (an HTTP request URL without it would accept forged requests, so start-up stops);
 * - SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET: multi-workspace OAuth, tokens
 *   sealed with the encryption keys; else SLACK_BOT_TOKEN: one workspace.
 */
import type { Config } from '../../config/config.ts';
import { ConfigError } from '../../config/config.ts';
import type { Clock } from '../../core/clock.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { FeedbackStore } from '../../store/feedback-store.ts';
import { createInstallationStore } from '../../store/installation-store.ts';
import type { Database } from '../../store/prisma-client.ts';
import { createSecretBox } from '../../store/secret-box.ts';
import type { TaskStore } from '../../store/task-store.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import { createSlackApp, type SlackApp, type SlackTransport } from './app.ts';
import { isLocale } from '../../core/locale.ts';
import type { Logger } from './logger.ts';
import { SLACK_REDIRECT_PATH } from './oauth.ts';
import { createSlackTaskLookup } from './task-lookup.ts';
import { createTokenRotation } from './token-rotation.ts';
import { createInstalledTokens, createSingleWorkspaceTokens, type SlackTokens } from './tokens.ts';
import { systemTimers } from './timers.ts';
import { createSlackWebClient } from './web-client.ts';

/** Bot scopes requested at install; the same list as manifest/slack-app.yaml. */
export const SLACK_BOT_SCOPES = [
  'app_mentions:read',
  'assistant:write',
  'chat:write',
  'commands',
  'files:write',
  'im:history',
  'im:read',
  'im:write',
  'users:read',
];

export interface SlackFromConfigDeps {
  db: Database;
  tasks: Pick<TaskStore, 'get'>;
  workspaces: Pick<WorkspaceStore, 'get' | 'ensure'>;
  feedback: FeedbackStore;
  intake: Intake;
  commands: CommandRouter;
  logger: Logger;
  clock: Clock;
  /** The AES-256-GCM key ring (KOTAE_ENCRYPTION_KEYS); needed for OAuth installs. */
  encryption: { keys: Record<string, Uint8Array>; activeKeyId: string };
}

export function createSlackFromConfig(config: Config, deps: SlackFromConfigDeps): SlackApp | null {
  const env = config.env;
  const oauthWanted = Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET);
  if (!env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN && !oauthWanted && !env.SLACK_APP_TOKEN) return null;

  let transport: SlackTransport;
  if (env.SLACK_SOCKET_MODE) {
    if (!env.SLACK_APP_TOKEN)
      throw new ConfigError('SLACK_APP_TOKEN (xapp-…) is required when SLACK_SOCKET_MODE=true');
    transport = { kind: 'socket', appToken: env.SLACK_APP_TOKEN };
  } else {
    if (!env.SLACK_SIGNING_SECRET) {
      throw new ConfigError(
        'SLACK_SIGNING_SECRET is required to receive Slack requests (or set SLACK_SOCKET_MODE=true)',
      );
    }
    transport = { kind: 'http', signingSecret: env.SLACK_SIGNING_SECRET };
  }

  const slackApiUrl = env.SLACK_API_URL;
  const client = createSlackWebClient({ slackApiUrl, logger: deps.logger });
  const defaults = { locale: config.defaultLocale, timeZone: config.timeZone };
  let tokens: SlackTokens;
  let installations = undefined;
  let oauth = undefined;
  if (oauthWanted) {
    if (!env.SLACK_CLIENT_ID || !env.SLACK_CLIENT_SECRET || !env.SLACK_STATE_SECRET) {
      throw new ConfigError(
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are required together',
      );
    }
    installations = createInstallationStore(deps.db, createSecretBox(deps.encryption));
    const rotation = createTokenRotation({
      installations,
      client,
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      clock: deps.clock,
      timers: systemTimers,
      logger: deps.logger,
    });
    tokens = createInstalledTokens({ installations, rotation, clock: deps.clock });
    oauth = {
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
      scopes: SLACK_BOT_SCOPES,
      redirectUri: `${config.server.publicBaseUrl}${SLACK_REDIRECT_PATH}`,
      installations,
      defaults,
      logger: deps.logger,
      ...(slackApiUrl ? { slackApiUrl } : {}),
    };
  } else if (env.SLACK_BOT_TOKEN) {
    tokens = createSingleWorkspaceTokens({ botToken: env.SLACK_BOT_TOKEN, client });
  } else {
    throw new ConfigError('Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET (OAuth installs)');
  }

  return createSlackApp({
    transport,
    tokens,
    intake: deps.intake,
    commands: deps.commands,
    tasks: createSlackTaskLookup({ tasks: deps.tasks }),
    feedback: deps.feedback,
    ...(installations ? { installations } : {}),
    ...(oauth ? { oauth } : {}),
    client,
    ...(slackApiUrl ? { slackApiUrl } : {}),
    clock: deps.clock,
    logger: deps.logger,
    defaultLocale: config.defaultLocale,
    localeFor: async (teamId) => {
      const workspace = await deps.workspaces.ensure('slack', teamId, defaults);
      return isLocale(workspace.locale) ? workspace.locale : config.defaultLocale;
    },
  });
}
