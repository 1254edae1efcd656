/**
 * The chat platforms this process speaks: always the console; Slack and Google Chat when
 * their settings are present. Each contributes its ChatPlatform (for the worker) and its
 * routes (for the bot); Slack's Socket Mode and Chat's Pub/Sub events start with the bot.
 */
import type { AnswerSubscriber } from '../digests/subscribe-form-submit.ts';
import { ConfigError, type Config } from '../config/config.ts';
import type { Platform } from '../core/chat-event.ts';
import type { Clock } from '../core/clock.ts';
import { KotaeError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { DirectMessages } from '../core/ports/direct-messages.ts';
import type { CommandRouter } from '../core/ports/command-router.ts';
import type { Intake } from '../core/ports/intake.ts';
import type { SlackRoleLookup } from '../bot/admin/admin-policy.ts';
import type { KeyVault } from '../bot/admin/key-vault.ts';
import type { ChartUrlSigner } from '../bot/charts/chart-url-signer.ts';
import type { ConsoleHub } from '../bot/console/console-hub.ts';
import { createConsolePlatform } from '../bot/console/console-platform.ts';
import { createGchat } from '../bot/gchat/create-gchat.ts';
import type { GoogleIdTokenVerifier } from '../bot/google-id-token-verifier.ts';
import type { Route } from '../bot/http/route.ts';
import { createSlack } from '../bot/slack/create-slack.ts';
import type { ConsoleHtmlRenderer } from '../bot/console/console-platform.ts';
import { toConsoleHtml } from '../render/console-html.ts';
import { linkPolicy } from '../render/link-policy.ts';
import type { Database } from '../store/prisma-client.ts';
import { createConsoleLive } from './console-live.ts';
import { createDirectMessages } from './direct-messages.ts';
import { encryptionKeys } from './local-secrets.ts';
import type { Stores } from './stores.ts';

export interface ChatPlatforms {
  platformFor(platform: Platform): ChatPlatform;
  console: { platform: ChatPlatform; hub: ConsoleHub; render: ConsoleHtmlRenderer };
  /** Slack's users.info roles, for the admin policy (when Slack is configured). */
  slackUserRoles?: SlackRoleLookup;
  /** Slack's and Google Chat's HTTP routes. */
  routes: Route[];
  /** Private notices to one person on their platform (digest failures). */
  directMessages: DirectMessages;
  /** Starts the platforms' own ingress; returns how to stop it. */
  startIngress(): Promise<Array<() => Promise<void>>>;
}

export function createChatPlatforms(deps: {
  config: Config;
  db: Database;
  stores: Stores;
  intake: Intake;
  commands: CommandRouter;
  /** The LLM key forms' way in (null: keys cannot be stored here). */
  keys?: KeyVault | null;
  /** Subscribing a channel from an answer: Slack's modal and Chat's dialog submit here. */
  subscribe?: AnswerSubscriber;
  signer: ChartUrlSigner;
  chartTtlMs: number;
  clock: Clock;
  logger: Logger;
  /** Pub/Sub push token verifier: Chat events by push at /pubsub/push/chat (GCHAT_PUSH). */
  pushVerifier?: GoogleIdTokenVerifier | undefined;
  /** Told of every 429 a platform's API answers, retried or not (the metrics count them). */
  onRateLimited?: (platform: Platform) => void;
}): ChatPlatforms {
  const { config, stores, clock, logger } = deps;
  // Relayed over PostgreSQL LISTEN/NOTIFY when bot and worker may be separate processes.
  const live = createConsoleLive(config, stores, logger);
  const hub = live.hub;
  const links = linkPolicy(config.links.hosts);
  const render: ConsoleHtmlRenderer = (content, options) => toConsoleHtml(content, { ...options, links });
  const consolePlatform = createConsolePlatform({
    messages: stores.consoleMessages,
    charts: stores.charts,
    signer: deps.signer,
    hub,
    render,
    clock,
    chartTtlMs: deps.chartTtlMs,
  });
  const platforms: Partial<Record<Platform, ChatPlatform>> = { console: consolePlatform };
  const routes: Route[] = [];

  const gchatConfig = config.gchat;
  const gchat = gchatConfig
    ? createGchat({
        settings: gchatConfig,
        intake: deps.intake,
        commands: deps.commands,
        tasks: stores.tasks,
        feedback: stores.feedback,
        ...(deps.subscribe ? { subscribe: deps.subscribe } : {}),
        charts: stores.charts,
        signer: deps.signer,
        chartTtlMs: deps.chartTtlMs,
        clock,
        logger,
        pushVerifier: config.env.GCHAT_PUSH ? deps.pushVerifier : undefined,
        links,
        onRateLimited: () => deps.onRateLimited?.('gchat'),
        keys: deps.keys ?? null,
        defaultLocale: config.defaultLocale,
      })
    : null;
  if (config.env.GCHAT_PUSH && !deps.pushVerifier) {
    throw new ConfigError('GCHAT_PUSH needs PUBSUB_PUSH_AUDIENCE and PUBSUB_PUSH_SERVICE_ACCOUNT');
  }
  if (gchat) {
    platforms.gchat = gchat.platform;
    routes.push(...gchat.routes);
  }

  const slackConfig = config.slack;
  const slack = slackConfig
    ? createSlack({
        settings: slackConfig,
        db: deps.db,
        ...(slackConfig.auth.kind === 'oauth' ? { encryption: encryptionKeys(config) } : {}),
        intake: deps.intake,
        commands: deps.commands,
        keys: deps.keys ?? null,
        ...(deps.subscribe ? { subscribe: deps.subscribe } : {}),
        tasks: stores.tasks,
        workspaces: stores.workspaces,
        feedback: stores.feedback,
        defaults: { locale: config.defaultLocale, timeZone: config.timeZone },
        clock,
        logger,
        links,
        onRateLimited: () => deps.onRateLimited?.('slack'),
      })
    : null;
  if (slack) {
    platforms.slack = slack.platform;
    routes.push(...slack.routes);
  }

  const platformFor = (platform: Platform): ChatPlatform => {
    const found = platforms[platform];
    if (!found) throw new KotaeError('platform_not_configured', `No ${platform} platform is configured here`);
    return found;
  };
  return {
    platformFor,
    directMessages: createDirectMessages({
      platformFor,
      locale: config.defaultLocale,
      ...(gchat ? { findChatDirectSpace: (user: string) => gchat.findDirectSpace(user) } : {}),
    }),
    console: { platform: consolePlatform, hub, render },
    ...(slack ? { slackUserRoles: slack.userRoles } : {}),
    routes,
    async startIngress() {
      const stops: Array<() => Promise<void>> = [await live.listen()];
      if (gchat) stops.push(await gchat.startPubSub());
      if (slack) {
        // Single workspace: checks the bot token with auth.test. Socket Mode: connects.
        await slack.start();
        stops.push(() => slack.stop());
      }
      return stops;
    },
  };
}
