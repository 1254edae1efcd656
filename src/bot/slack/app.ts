/**
 * The Slack app: a Bolt App with our receiver, its listeners, the routes the bot's HTTP
 * server mounts (or a Socket Mode connection), and the Slack chat platform the worker
 * uses to answer. Entry points only wire this; nothing here reads the environment.
 */
import type { SlackRoleLookup } from '../admin/admin-policy.ts';
import { createSlackUserRoles } from './slack-user-roles.ts';
import { App, ErrorCode } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Locale } from '../../core/locale.ts';
import type { ChatPlatform } from '../../core/ports/chat-platform.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { InstallationStore } from '../../store/installation-store.ts';
import type { SlackTransport } from '../../config/slack-settings.ts';
import type { Route } from '../http/route.ts';
import { createSlackDispatcher, type SlackDispatcher } from './dispatcher.ts';
import { createSlackRoutes } from './slack-routes.ts';
import type { FeedbackRecorder, ListenerDeps } from './listener-deps.ts';
import { registerActionListeners } from './listeners/actions.ts';
import { createAssistantListener } from './listeners/assistant.ts';
import { registerCommandListener } from './slack-commands.ts';
import { registerConfirmListener } from './listeners/confirm.ts';
import { registerKeysModalListener } from './listeners/keys-modal.ts';
import { registerSubscribeModalListener } from './listeners/subscribe-modal.ts';
import type { AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import { registerLifecycleListeners } from './listeners/lifecycle.ts';
import { registerQuestionListeners } from './listeners/questions.ts';
import { LogLevel, silentLogger, toSdkLogger, type Logger } from './bolt-logger.ts';
import { defaultSlackRenderer, type SlackRenderer } from './message-payload.ts';
import { createSlackOAuthRoutes, type SlackOAuthOptions } from './oauth.ts';
import { createSlackPlatform } from './slack-platform.ts';
import { createKotaeReceiver } from './receiver.ts';
import { createSocketModeTransport } from './socket-mode.ts';
import type { SlackTaskLookup } from './task-lookup.ts';
import { systemTimers, type Timers } from '../../core/timers.ts';
import type { SlackTokens } from './tokens.ts';
import { createSlackWebClient } from './web-client.ts';

export interface SlackAppOptions {
  transport: SlackTransport;
  tokens: SlackTokens;
  intake: Intake;
  commands: CommandRouter;
  /** The LLM key form's way in (`/kotae keys`); without it the form is not offered. */
  keys?: KeyVault | null;
  /** The Subscribe button's way in; without it the button answers nothing. */
  subscribe?: AnswerSubscriber | null;
  /** Defaults to the shared converter (src/render/slack-blocks.ts). */
  render?: SlackRenderer;
  tasks: SlackTaskLookup;
  feedback: FeedbackRecorder;
  installations?: Pick<InstallationStore, 'delete' | 'revokeTokens'>;
  /** Mounts /slack/install and /slack/oauth_redirect (HTTP transport or not). */
  oauth?: SlackOAuthOptions;
  /** Defaults to a Slack platform over `tokens`. */
  platform?: ChatPlatform;
  client?: WebClient;
  slackApiUrl?: string;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  logLevel?: LogLevel;
  /** Told of every 429 from Slack's Web API, which the channel's queue waits out. */
  onRateLimited?(channelKey: string, retryAfterMs: number): void;
  /** The configured language (KOTAE_LOCALE), when a workspace's is not known. */
  defaultLocale: Locale;
  localeFor?(teamId: string): Promise<Locale>;
  commandName?: string;
  ackDeadlineMs?: number;
}

export interface SlackApp {
  routes: Route[];
  platform: ChatPlatform;
  dispatcher: SlackDispatcher;
  /** users.info `is_owner` / `is_admin`, for the admin policy. */
  userRoles: SlackRoleLookup;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const client = options.client ?? createSlackWebClient({ slackApiUrl: options.slackApiUrl, logger });
  const render = options.render ?? defaultSlackRenderer;
  const platform =
    options.platform ??
    createSlackPlatform({
      tokenFor: (teamId) => options.tokens.botTokenFor(teamId),
      render,
      client,
      clock,
      timers,
      logger,
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });

  const receiverHolder: { start(): Promise<void>; stop(): Promise<void> } = {
    start: async () => {},
    stop: async () => {},
  };
  const receiver = createKotaeReceiver(receiverHolder);
  const dispatcher = createSlackDispatcher({
    processEvent: (event) => receiver.processEvent(event),
    clock,
    timers,
    logger,
    ...(options.ackDeadlineMs === undefined ? {} : { ackDeadlineMs: options.ackDeadlineMs }),
  });

  let routes: Route[] = [];
  if (options.transport.kind === 'http') {
    routes = createSlackRoutes({
      signingSecret: options.transport.signingSecret,
      dispatcher,
      clock,
      logger,
      ...(options.oauth ? { oauth: options.oauth } : {}),
    });
  } else {
    const socket = createSocketModeTransport({
      appToken: options.transport.appToken,
      dispatcher,
      logger,
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    });
    Object.assign(receiverHolder, socket);
    if (options.oauth) routes = createSlackOAuthRoutes(options.oauth);
  }

  const app = new App({
    receiver,
    authorize: (source) =>
      options.tokens.authorize({
        ...(source.teamId ? { teamId: source.teamId } : {}),
        ...(source.enterpriseId ? { enterpriseId: source.enterpriseId } : {}),
      }),
    logger: toSdkLogger(logger, options.logLevel ?? LogLevel.INFO),
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    },
    ignoreSelf: true,
    convoStore: false,
  });

  const { defaultLocale } = options;
  const deps: ListenerDeps = {
    intake: options.intake,
    commands: options.commands,
    platform,
    render,
    tokens: options.tokens,
    tasks: options.tasks,
    feedback: options.feedback,
    ...(options.installations ? { installations: options.installations } : {}),
    client,
    clock,
    logger,
    localeFor: options.localeFor ?? (async () => defaultLocale),
    defaultLocale,
    commandName: options.commandName ?? '/kotae',
    ...(options.keys ? { keys: options.keys } : {}),
  };
  app.assistant(createAssistantListener(deps));
  registerQuestionListeners(app, deps);
  registerCommandListener(app, deps);
  registerActionListeners(app, deps);
  registerConfirmListener(app, deps);
  if (options.keys) registerKeysModalListener(app, { ...deps, keys: options.keys });
  if (options.subscribe) registerSubscribeModalListener(app, { ...deps, subscribe: options.subscribe });
  registerLifecycleListeners(app, deps);
  app.error(async (error) => {
    // A team without an installation (uninstalled, or never installed): nothing to do, and
    // a retry would not change that, so the delivery is acknowledged.
    if (error.code === ErrorCode.AuthorizationError) {
      logger.info('Ignored a Slack delivery from a team without an installation', { error: error.message });
      return;
    }
    logger.error('Slack listener failed', { error });
    // Rethrown so the dispatcher answers 5xx and Slack retries (events) instead of losing it.
    throw error;
  });

  return {
    routes,
    platform,
    dispatcher,
    userRoles: createSlackUserRoles({ client, tokens: options.tokens, logger }),
    async start() {
      await options.tokens.start();
      await app.start();
    },
    stop: () => app.stop().then(() => undefined),
  };
}
