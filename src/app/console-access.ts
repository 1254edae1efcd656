/** The console's access mode for this process, from the configuration (see bot/console/console-access.ts). */
import type { Config } from '../config/config.ts';
import { createIapVerifier, type ConsoleAccess } from '../bot/console/console-verify.ts';

export function consoleAccess(config: Config, wanted: 'open' | 'configured'): ConsoleAccess {
  if (wanted === 'open') return { mode: 'open' };
  if (config.console.mode === 'off') return { mode: 'off' };
  return {
    mode: 'iap',
    verifier: createIapVerifier({ audience: config.console.audience, certsUrl: config.console.certsUrl }),
  };
}
