/**
 * The console hub of this process: in-process only on the embedded database (one process
 * serves everything), relayed through PostgreSQL LISTEN/NOTIFY when DATABASE_URL is set,
 * so a page served by the bot sees what a separate worker writes (bot/console/console-relay.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { createConsoleHub, type ConsoleHub } from '../bot/console/console-hub.ts';
import { toConsoleView } from '../bot/console/console-platform.ts';
import { CONSOLE_CHANNEL, onConsoleAnnouncement, relayedConsoleHub } from '../bot/console/console-relay.ts';
import { toConsoleHtml } from '../render/console-html.ts';
import { pgListen, pgNotify } from '../store/pg-notify.ts';
import type { Stores } from './stores.ts';

export interface ConsoleLive {
  hub: ConsoleHub;
  /** Starts hearing other processes' updates (the bot); resolves to the stop function. */
  listen(): Promise<() => Promise<void>>;
}

export function createConsoleLive(config: Config, stores: Stores, logger: Logger): ConsoleLive {
  const local = createConsoleHub();
  const databaseUrl = config.databaseUrl;
  if (!databaseUrl) return { hub: local, listen: async () => async () => {} };
  const deps = {
    instanceId: randomUUID(),
    notify: (payload: string) => pgNotify(stores.db, CONSOLE_CHANNEL, payload),
    load: async (id: string) => {
      const record = await stores.consoleMessages.get(id);
      return record ? toConsoleView(record, toConsoleHtml) : null;
    },
    logger,
  };
  return {
    hub: relayedConsoleHub(local, deps),
    async listen() {
      const listener = await pgListen(
        databaseUrl,
        CONSOLE_CHANNEL,
        onConsoleAnnouncement(local, deps),
        logger,
      );
      return () => listener.close();
    },
  };
}
