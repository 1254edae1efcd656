/**
 * `kotae worker` as a child process for cross-process tests: the real composition root in
 * the worker role, with the scripted model spending `STEP_DELAY_MS` per step. Configured by
 * environment, like `kotae worker`; prints `ready` once it consumes.
 */
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startKotae } from '../../src/app/start-kotae.ts';
import { createScriptedHandler } from './scripted-handler.ts';

const config = loadConfig(process.env);
const handler = createScriptedHandler({ stepDelayMs: Number(process.env.STEP_DELAY_MS ?? 1_000) });
await startKotae(config, {
  roles: { bot: false, worker: true },
  migrate: false,
  logger: silentLogger,
  questionHandler: async () => handler,
});
process.stdout.write('ready\n');
