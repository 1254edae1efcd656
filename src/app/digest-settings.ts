/** The digest settings, read from the parsed configuration. */
import type { Config } from '../config/config.ts';

export interface DigestSettings {
  /** Cloud Scheduler's OIDC token check for POST /internal/digests/tick; null: no route. */
  tick: { audience: string; serviceAccount: string; certsUrl?: string } | null;
  /** Whether this process ticks once a minute itself (the embedded mode's default). */
  timer: boolean;
  /** A slot older than this when its tick runs is posted marked late. */
  lateAfterMs: number;
}

export function digestSettings(config: Config): DigestSettings {
  const env = config.env;
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
    timer: env.DIGEST_TIMER ? env.DIGEST_TIMER === 'on' : config.queue.kind === 'memory',
    lateAfterMs: 5 * 60_000,
  };
}
