/**
 * The digest part of the configuration, read from the parsed environment once, in
 * loadConfig (config.ts): who may call the tick route, whether this process ticks itself,
 * when a slot counts as late, and how long `digest run` waits for its outcome.
 */
import type { Env } from './env-schema.ts';

export interface DigestSettings {
  /** Cloud Scheduler's OIDC token check for POST /internal/digests/tick; null: no route. */
  tick: { audience: string; serviceAccount: string; certsUrl?: string } | null;
  /** Whether this process ticks once a minute itself (the embedded mode's default). */
  timer: boolean;
  /** A slot older than this when its tick runs is posted marked late. */
  lateAfterMs: number;
  /** How long `/kotae digest run` waits for the outcome before answering "still running". */
  runNowWaitMs: number;
}

type DigestEnv = Pick<
  Env,
  | 'DIGEST_TICK_AUDIENCE'
  | 'DIGEST_TICK_SERVICE_ACCOUNT'
  | 'DIGEST_TICK_CERTS_URL'
  | 'DIGEST_TIMER'
  | 'DIGEST_LATE_AFTER_MS'
  | 'DIGEST_RUN_WAIT_MS'
>;

export function digestSettings(env: DigestEnv, queueKind: 'memory' | 'pubsub'): DigestSettings {
  const audience = env.DIGEST_TICK_AUDIENCE;
  const serviceAccount = env.DIGEST_TICK_SERVICE_ACCOUNT;
  return {
    tick:
      audience && serviceAccount
        ? {
            audience,
            serviceAccount,
            ...(env.DIGEST_TICK_CERTS_URL ? { certsUrl: env.DIGEST_TICK_CERTS_URL } : {}),
          }
        : null,
    timer: env.DIGEST_TIMER ? env.DIGEST_TIMER === 'on' : queueKind === 'memory',
    lateAfterMs: env.DIGEST_LATE_AFTER_MS,
    runNowWaitMs: env.DIGEST_RUN_WAIT_MS,
  };
}
