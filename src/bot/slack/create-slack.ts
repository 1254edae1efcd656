/**
 * Slack, wired: the Bolt app and its routes (or Socket Mode connection), and the platform
 * the worker posts through. The composition root calls this once and plugs the results in:
 *
 *   const slackConfig = slackSettings(config.env, config.server.publicBaseUrl);
 *   const slack = slackConfig ? createSlack({ settings: slackConfig, … }) : null;
 *   if (slack) { platforms.slack = slack.platform; platformRoutes.push(...slack.routes); }
 *   // bot role: await slack.start(); stop with slack.stop()
 */
import type { AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';
import type { MessageContent } from '../../core/ports/chat-platform.ts';
import type { LinkPolicy } from '../../render/link-policy.ts';
import { toSlackMessages } from '../../render/slack-blocks.ts';
import { ConfigError } from '../../config/config.ts';
import type { Clock } from '../../core/clock.ts';
import { isLocale, type Locale } from '../../core/locale.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { TaskReader } from '../../core/ports/task-reader.ts';
import type { FeedbackStore } from '../../store/feedback-store.ts';
import { createInstallationStore } from '../../store/installation-store.ts';
import type { Database } from '../../store/prisma-client.ts';
import { createSecretBox } from '../../store/secret-box.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import { createSlackApp, type SlackApp } from './app.ts';
import type { Logger } from './bolt-logger.ts';
import type { SlackSettings } from '../../config/slack-settings.ts';
import { createSlackTaskLookup } from './task-lookup.ts';
import { systemTimers } from '../../core/timers.ts';
import { createTokenRotation } from './token-rotation.ts';
import { createInstalledTokens, createSingleWorkspaceTokens } from './tokens.ts';
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

export interface SlackDeps {
  settings: SlackSettings;
  db: Database;
  /** The AES-256-GCM key ring (KOTAE_ENCRYPTION_KEYS); seals OAuth installation tokens. OAuth only. */
  encryption?: { keys: Record<string, Uint8Array>; activeKeyId: string };
  intake: Intake;
  commands: CommandRouter;
  /** The LLM key form (`/kotae keys`). */
  keys?: KeyVault | null;
  /** Subscribing a channel from an answer (the Subscribe modal). */
  subscribe?: AnswerSubscriber | null;
  tasks: TaskReader;
  workspaces: Pick<WorkspaceStore, 'ensure'>;
  feedback: FeedbackStore;
  defaults: { locale: Locale; timeZone: string };
  clock: Clock;
  logger: Logger;
  /** The hosts answers may link to (config.links); none by default. */
  links?: LinkPolicy;
  /** Told of every 429 from Slack's Web API, retried or not. */
  onRateLimited?(channelKey: string, retryAfterMs: number): void;
}

export function createSlack(deps: SlackDeps): SlackApp {
  const { settings, clock, logger, defaults } = deps;
  const slackApiUrl = settings.apiUrl;
  const client = createSlackWebClient({ slackApiUrl, logger });
  const shared = {
    transport: settings.transport,
    intake: deps.intake,
    commands: deps.commands,
    keys: deps.keys ?? null,
    subscribe: deps.subscribe ?? null,
    tasks: createSlackTaskLookup({ tasks: deps.tasks }),
    feedback: deps.feedback,
    client,
    render: (content: MessageContent) =>
      toSlackMessages(content, { ...(deps.links ? { links: deps.links } : {}) }),
    ...(slackApiUrl ? { slackApiUrl } : {}),
    clock,
    logger,
    ...(deps.onRateLimited ? { onRateLimited: deps.onRateLimited } : {}),
    defaultLocale: defaults.locale,
    localeFor: async (teamId: string) => {
      const workspace = await deps.workspaces.ensure('slack', teamId, defaults);
      return isLocale(workspace.locale) ? workspace.locale : defaults.locale;
    },
  };

  if (settings.auth.kind === 'single') {
    return createSlackApp({
      ...shared,
      tokens: createSingleWorkspaceTokens({ botToken: settings.auth.botToken, client }),
    });
  }

  const auth = settings.auth;
  if (!deps.encryption)
    throw new ConfigError('KOTAE_ENCRYPTION_KEYS is required to store Slack installations');
  const installations = createInstallationStore(deps.db, createSecretBox(deps.encryption));
  const rotation = createTokenRotation({
    installations,
    client,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    clock,
    timers: systemTimers,
    logger,
  });
  return createSlackApp({
    ...shared,
    tokens: createInstalledTokens({ installations, rotation, clock }),
    installations,
    oauth: {
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      stateSecret: auth.stateSecret,
      scopes: SLACK_BOT_SCOPES,
      redirectUri: auth.redirectUri,
      installations,
      defaults,
      logger,
      ...(slackApiUrl ? { slackApiUrl } : {}),
    },
  });
}
