/**
 * A worker process for crash tests: the real composition root in the worker role, with a
 * handler that starts a step and then never finishes, so the test can SIGKILL the
 * process mid-task. Configured by environment, like `kotae worker`.
 */
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startKotae } from '../../src/app/start-kotae.ts';

// Any free port for /healthz and /metrics: crash tests may run several of these at once.
const config = loadConfig({ PORT: '0', ...process.env });
await startKotae(config, {
  roles: { bot: false, worker: true },
  migrate: false,
  logger: silentLogger,
  questionHandler: async () => ({
    async run(context) {
      context.startStep('working forever');
      process.stdout.write(`started ${context.task.id}\n`);
      await new Promise(() => {});
      throw new Error('unreachable');
    },
  }),
});
process.stdout.write('ready\n');
