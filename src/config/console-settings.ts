/**
 * The console part of the configuration, read from the parsed environment once, in
 * loadConfig (config.ts): who may reach it on `kotae bot` (nobody, or IAP's verified users;
 * `kotae dev` serves it on loopback whatever this says), its webfont, and whether its local
 * user is an admin.
 */
import { resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import type { Env } from './env-schema.ts';

export interface ConsoleSettings {
  access: { mode: 'off' } | { mode: 'iap'; audience: string; certsUrl: string | undefined };
  /** Where the WOFF2 webfont lives (built there at first start), or null: none. */
  font: string | null;
  /** Whether `kotae dev`'s local user may run admin verbs. */
  localAdmin: boolean;
}

type ConsoleEnv = Pick<
  Env,
  'KOTAE_CONSOLE' | 'IAP_AUDIENCE' | 'IAP_CERTS_URL' | 'KOTAE_CONSOLE_FONT' | 'KOTAE_CONSOLE_ADMIN'
>;

export function consoleSettings(env: ConsoleEnv, dataDir: string): ConsoleSettings {
  if (env.KOTAE_CONSOLE === 'iap' && !env.IAP_AUDIENCE) {
    throw new ConfigError(
      'IAP_AUDIENCE is required when KOTAE_CONSOLE=iap (/projects/NUMBER/global/backendServices/ID)',
    );
  }
  return {
    access:
      env.KOTAE_CONSOLE === 'iap'
        ? { mode: 'iap', audience: env.IAP_AUDIENCE!, certsUrl: env.IAP_CERTS_URL }
        : { mode: 'off' },
    font:
      env.KOTAE_CONSOLE_FONT === 'off'
        ? null
        : env.KOTAE_CONSOLE_FONT === 'auto'
          ? resolve(dataDir, 'fonts', 'noto-sans-jp-400.woff2')
          : resolve(env.KOTAE_CONSOLE_FONT),
    localAdmin: env.KOTAE_CONSOLE_ADMIN,
  };
}
