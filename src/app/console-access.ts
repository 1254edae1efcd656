/** The console's access mode for this process, from the configuration (see bot/console/console-verify.ts). */
import type { Config } from '../config/config.ts';
import { createIapVerifier, type ConsoleAccess } from '../bot/console/console-verify.ts';

export function consoleAccess(config: Config, wanted: 'open' | 'configured'): ConsoleAccess {
  if (wanted === 'open') return { mode: 'open' };
  const { access } = config.console;
  if (access.mode === 'off') return { mode: 'off' };
  return {
    mode: 'iap',
    verifier: createIapVerifier({ audience: access.audience, certsUrl: access.certsUrl }),
  };
}
