/**
 * Google Chat, wired: the platform the worker posts through, the routes the bot serves,
 * and the Pub/Sub receiver for firewalled apps. The composition root calls this once
 * and only plugs the results in.
 */
import type { LinkPolicy } from '../../render/link-policy.ts';
import type { AnswerSubscriber } from '../../digests/subscribe-form-submit.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Locale } from '../../core/locale.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { TaskReader } from '../../core/ports/task-reader.ts';
import { toChatMessages } from '../../render/gchat-cards.ts';
import type { ChartImageStore } from '../../store/chart-image-store.ts';
import type { FeedbackStore } from '../../store/feedback-store.ts';
import type { ChartUrlSigner } from '../charts/chart-url-signer.ts';
import type { Route } from '../http/route.ts';
import { createConversationWriteLimiter } from '../platform/conversation-write-limiter.ts';
import { classifyChatApiError } from './gchat-api-errors.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import type { GoogleIdTokenVerifier } from '../google-id-token-verifier.ts';
import { createChatPushRoute } from './gchat-push-route.ts';
import { createChatTokenVerifier } from './gchat-token-verifier.ts';
import { createCardActionStore } from './gchat-card-actions.ts';
import { createChatApiClient, type ChatApiClientOptions } from './gchat-client.ts';
import { createGchatEventHandler, type GchatEventHandler } from './gchat-event-handler.ts';
import { chatWriteBudget, createGchatPlatform, type GchatPlatform } from './gchat-platform.ts';
import { createChatRoutes } from './gchat-routes.ts';
import type { GchatSettings } from '../../config/gchat-settings.ts';
import { createPubSubClient } from '../../queue/pubsub-client.ts';
import { startChatPubSubReceiver } from './gchat-pubsub-subscriber.ts';

export interface GchatDeps {
  settings: GchatSettings;
  intake: Intake;
  commands: CommandRouter;
  tasks: TaskReader;
  feedback: FeedbackStore;
  /** Subscribing from an answer (the Subscribe dialog). */
  subscribe?: AnswerSubscriber;
  charts: ChartImageStore;
  signer: ChartUrlSigner;
  chartTtlMs: number;
  clock: Clock;
  logger: Logger;
  /** Chat API auth; Application Default Credentials with the chat.bot scope by default. */
  auth?: ChatApiClientOptions['auth'];
  /** Writes per space per minute (Chat allows about 60; we keep a margin). */
  writesPerMinute?: number;
  /** How the write limiter waits; tests pass virtual time. */
  sleep?: (ms: number) => Promise<void>;
  /** Verifies Pub/Sub push tokens; when set, POST /pubsub/push/chat takes Chat events. */
  pushVerifier?: GoogleIdTokenVerifier | undefined;
  /** The hosts answers may link to (config.links); none by default. */
  links?: LinkPolicy;
  /** Told of every 429 from the Chat API, retried or not. */
  onRateLimited?: (space: string, waitMs: number) => void;
  /** The LLM key dialog's way in (null: keys cannot be stored here). */
  keys?: KeyVault | null;
  /** The configured language (KOTAE_LOCALE), when a person's is not known. */
  defaultLocale: Locale;
}

export interface Gchat {
  platform: GchatPlatform;
  /** What both transports hand events to. */
  handler: GchatEventHandler;
  /** POST /gchat/events when an HTTP audience is configured; POST /pubsub/push/chat with push. */
  routes: Route[];
  /** Starts pulling Chat events from Pub/Sub, when configured; resolves to its stop function. */
  startPubSub(): Promise<() => Promise<void>>;
  /** The app's DM space with a user ("users/123"), or null when there is none. */
  findDirectSpace(user: string): Promise<string | null>;
}

export function createGchat(deps: GchatDeps): Gchat {
  const { settings, clock, logger } = deps;
  const render = (content: Parameters<typeof toChatMessages>[0]) =>
    toChatMessages(content, { dialogs: !settings.addon, ...(deps.links ? { links: deps.links } : {}) });
  const chat = createChatApiClient({
    ...(deps.auth ? { auth: deps.auth } : {}),
    ...(settings.apiUrl ? { rootUrl: settings.apiUrl } : {}),
  });
  const platform = createGchatPlatform({
    chat,
    clock,
    render,
    limiter: createConversationWriteLimiter({
      budget: {
        ...chatWriteBudget,
        ...(deps.writesPerMinute ? { perMinute: deps.writesPerMinute } : {}),
      },
      clock,
      classify: classifyChatApiError,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(deps.onRateLimited ? { onRateLimited: deps.onRateLimited } : {}),
    }),
    charts: { store: deps.charts, signer: deps.signer, ttlMs: deps.chartTtlMs },
  });
  const handler = createGchatEventHandler({
    intake: deps.intake,
    commands: deps.commands,
    platform,
    render,
    actions: createCardActionStore({ tasks: deps.tasks, feedback: deps.feedback }),
    ...(deps.subscribe ? { subscribe: deps.subscribe } : {}),
    clock,
    logger,
    keys: deps.keys ?? null,
    defaultLocale: deps.defaultLocale,
  });
  const routes = settings.audience
    ? createChatRoutes({
        verifier: createChatTokenVerifier({
          audience: settings.audience,
          clock,
          ...(settings.certificatesUrl ? { certificatesUrl: settings.certificatesUrl } : {}),
        }),
        handler,
        logger,
      })
    : [];
  if (deps.pushVerifier) {
    routes.push(createChatPushRoute({ verifier: deps.pushVerifier, handler, platform, logger }));
  }

  return {
    platform,
    handler,
    routes,
    async findDirectSpace(user) {
      const { data } = await chat.spaces.findDirectMessage({ name: user });
      return data.name ?? null;
    },
    async startPubSub() {
      if (!settings.pubsub) return async () => {};
      const pubsub = createPubSubClient(settings.pubsub);
      const receiver = startChatPubSubReceiver({
        pubsub,
        subscription: settings.pubsub.subscription,
        handler,
        platform,
        logger,
      });
      logger.info('Google Chat events: pulling from Pub/Sub', { subscription: settings.pubsub.subscription });
      return async () => {
        await receiver.stop();
        await pubsub.close();
      };
    },
  };
}
