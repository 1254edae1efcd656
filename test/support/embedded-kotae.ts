/**
 * `kotae dev` as a child process for crash tests: the real composition root with both
 * roles and the in-process queue, and a scripted model that spends `STEP_DELAY_MS` per
 * step. Configured by environment like `kotae dev`; prints its URL once it listens.
 */
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startKotae } from '../../src/app/start-kotae.ts';
import { createScriptedHandler } from './scripted-handler.ts';

const config = loadConfig({ KOTAE_CONSOLE_FONT: 'off', ...process.env });
const handler = createScriptedHandler({ stepDelayMs: Number(process.env.STEP_DELAY_MS ?? 1_000) });
const kotae = await startKotae(config, {
  roles: { bot: true, worker: true },
  // Without DATABASE_URL this is `kotae dev` whole: its own PGlite under KOTAE_DATA_DIR,
  // migrated at start as `kotae dev` does.
  migrate: !config.databaseUrl,
  logger: silentLogger,
  questionHandler: async () => handler,
});
process.stdout.write(`listening ${kotae.url}\n`);
