/**
 * The Google Chat part of the configuration, read from the parsed environment once, in
 * loadConfig (config.ts), and handed to the Chat app as is. Chat is off unless a GCHAT_
 * variable is set; once on, a half-configured endpoint stops start-up rather than
 * accepting events it cannot verify.
 *
 *   GCHAT_AUDIENCE_MODE  project_number | endpoint_url (inferred from GCHAT_AUDIENCE when unset)
 *   GCHAT_AUDIENCE       the Cloud project number, or the exact https endpoint URL
 *   GCHAT_PUBSUB_SUBSCRIPTION  events via Pub/Sub: a subscription name (with PUBSUB_PROJECT_ID)
 *                        or its full path projects/<p>/subscriptions/<s>
 *   GCHAT_PUSH           events via Pub/Sub push at /pubsub/push/chat (with PUBSUB_PUSH_*)
 *   GCHAT_ADDON          the app is a Workspace add-on: no dialog buttons on cards
 *   GCHAT_API_URL, GCHAT_CERTS_URL  overrides (tests, private endpoints)
 */
import { ConfigError } from './config-error.ts';
import type { Env } from './env-schema.ts';

/** Who a Chat event's token must be for: the Cloud project number or the endpoint URL. */
export type ChatAudience =
  { mode: 'project-number'; projectNumber: string } | { mode: 'endpoint-url'; url: string };

export interface GchatSettings {
  /** Set when events arrive over HTTP (POST /gchat/events). */
  audience?: ChatAudience;
  /** Set when events arrive through a Pub/Sub subscription. */
  pubsub?: { projectId: string; subscription: string; emulatorHost?: string };
  apiUrl?: string;
  certificatesUrl?: string;
  /**
   * A Workspace add-on: Chat strips a whole card that carries an OPEN_DIALOG button, so
   * answers carry none (Subscribe then explains the command instead).
   */
  addon?: boolean;
}

type GchatEnv = Pick<
  Env,
  | 'GCHAT_AUDIENCE_MODE'
  | 'GCHAT_AUDIENCE'
  | 'GCHAT_PUBSUB_SUBSCRIPTION'
  | 'GCHAT_API_URL'
  | 'GCHAT_CERTS_URL'
  | 'PUBSUB_PROJECT_ID'
  | 'PUBSUB_EMULATOR_HOST'
> & { GCHAT_PUSH?: boolean; GCHAT_ADDON?: boolean };

/** null when Google Chat is not configured at all. */
export function gchatSettings(env: GchatEnv): GchatSettings | null {
  if (!env.GCHAT_AUDIENCE_MODE && !env.GCHAT_AUDIENCE && !env.GCHAT_PUBSUB_SUBSCRIPTION && !env.GCHAT_PUSH)
    return null;
  const settings: GchatSettings = {
    ...(env.GCHAT_ADDON ? { addon: true } : {}),
    ...(env.GCHAT_API_URL ? { apiUrl: env.GCHAT_API_URL } : {}),
    ...(env.GCHAT_CERTS_URL ? { certificatesUrl: env.GCHAT_CERTS_URL } : {}),
  };

  if (env.GCHAT_AUDIENCE_MODE || env.GCHAT_AUDIENCE) {
    const audience = env.GCHAT_AUDIENCE?.trim();
    if (!audience)
      throw new ConfigError('GCHAT_AUDIENCE is required: the Cloud project number or the endpoint URL');
    const mode = env.GCHAT_AUDIENCE_MODE ?? (/^\d+$/.test(audience) ? 'project_number' : 'endpoint_url');
    if (mode === 'project_number') {
      if (!/^\d+$/.test(audience)) {
        throw new ConfigError(
          `GCHAT_AUDIENCE must be the numeric project number (got ${JSON.stringify(audience)})`,
        );
      }
      settings.audience = { mode: 'project-number', projectNumber: audience };
    } else {
      if (!/^https:\/\/\S+$/.test(audience)) {
        throw new ConfigError(
          `GCHAT_AUDIENCE must be the https endpoint URL (got ${JSON.stringify(audience)})`,
        );
      }
      settings.audience = { mode: 'endpoint-url', url: audience };
    }
  }

  if (env.GCHAT_PUBSUB_SUBSCRIPTION) {
    const path = /^projects\/([^/]+)\/subscriptions\/([^/]+)$/.exec(env.GCHAT_PUBSUB_SUBSCRIPTION);
    const projectId = path?.[1] ?? env.PUBSUB_PROJECT_ID;
    if (!projectId) {
      throw new ConfigError(
        'GCHAT_PUBSUB_SUBSCRIPTION needs PUBSUB_PROJECT_ID, or a full projects/…/subscriptions/… path',
      );
    }
    settings.pubsub = {
      projectId,
      subscription: path?.[2] ?? env.GCHAT_PUBSUB_SUBSCRIPTION,
      ...(env.PUBSUB_EMULATOR_HOST ? { emulatorHost: env.PUBSUB_EMULATOR_HOST } : {}),
    };
  }
  return settings;
}
