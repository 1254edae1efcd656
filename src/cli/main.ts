/**
 * The `kotae` CLI: one codebase, one image, several processes.
 *   kotae dev       everything in one process, on embedded defaults (npm run dev)
 *   kotae bot       HTTP ingress: console, Slack, Google Chat, charts, health
 *   kotae worker    the task worker
 *   kotae migrate   apply database migrations
 *   kotae rotate-keys  re-encrypt stored tokens with the active key
 *   kotae mcp       the warehouse MCP server (--stdio | --http <port>)
 */
import { ConfigError, loadConfig, type Config } from '../config/config.ts';
import { loadEnvFile } from '../config/load-env-file.ts';
import type { Logger } from '../core/logger.ts';
import type { Tracer } from '../core/ports/tracer.ts';
import { createPinoLogger } from '../app/logging/pino-logger.ts';
import { startTracing } from '../app/telemetry/tracing.ts';
import { errorMessage } from '../core/errors.ts';
import { openDatabase } from '../app/open-database.ts';
import { encryptionKeys } from '../app/local-secrets.ts';
import { startKotae, type KotaeRoles } from '../app/start-kotae.ts';
import { createInstallationStore } from '../store/installation-store.ts';
import { createSecretBox } from '../store/secret-box.ts';

const USAGE = `Usage: kotae <command>

Commands:
  dev       Run everything in one process on embedded defaults (database, queue, warehouse, console)
  bot       Run the HTTP ingress (console, Slack, Google Chat, chart images, health)
  worker    Run the task worker
  migrate   Apply the database migrations
  rotate-keys  Re-encrypt stored tokens with KOTAE_ENCRYPTION_KEY_ID (after adding a new key)
  mcp       Run the warehouse MCP server (--stdio | --http <port>)
`;

/** Where a person can open the console: the public URL, or the port actually bound. */
function readyUrl(config: Config, port: number): string {
  return config.env.PUBLIC_BASE_URL ? config.server.publicBaseUrl : `http://localhost:${port}`;
}

async function serve(config: Config, logger: Logger, roles: KotaeRoles, migrate: boolean): Promise<void> {
  const started = Date.now();
  const tracing = startTracing({
    serviceName:
      config.env.OTEL_SERVICE_NAME ?? (roles.bot ? (roles.worker ? 'kotae' : 'kotae-bot') : 'kotae-worker'),
    endpoint: config.env.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const tracer: Tracer = tracing.tracer;
  // `kotae dev` serves the console on its (loopback) address; `kotae bot` only as configured.
  const kotae = await startKotae(config, {
    roles,
    migrate,
    logger,
    tracer,
    console: roles.worker ? 'open' : 'configured',
  });
  if (roles.bot) {
    process.stdout.write(
      `\nKotae is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${readyUrl(config, kotae.port)}\n\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await kotae.stop();
    await tracing.shutdown().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  loadEnvFile('.env');
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'mcp') {
    const { runMcpCommand } = await import('../mcp/cli.ts');
    await runMcpCommand(rest, process.env);
    return;
  }
  const config = loadConfig(process.env);
  const logger = createPinoLogger({
    level: config.env.LOG_LEVEL,
    format: config.env.LOG_FORMAT ?? (command === 'dev' ? 'pretty' : 'json'),
    projectId:
      config.env.GOOGLE_CLOUD_PROJECT ?? config.env.PUBSUB_PROJECT_ID ?? config.env.BIGQUERY_PROJECT_ID,
    base: { command },
  });
  switch (command) {
    case 'dev':
      await serve(config, logger, { bot: true, worker: true }, true);
      return;
    case 'bot':
      await serve(config, logger, { bot: true, worker: false }, false);
      return;
    case 'worker':
      await serve(config, logger, { bot: false, worker: true }, false);
      return;
    case 'migrate': {
      const database = await openDatabase(config, logger, { migrate: true });
      await database.close();
      return;
    }
    case 'rotate-keys': {
      const database = await openDatabase(config, logger, { migrate: false });
      try {
        const changed = await createInstallationStore(
          database.db,
          createSecretBox(encryptionKeys(config)),
        ).reencrypt();
        process.stdout.write(
          `kotae: re-encrypted ${changed} installation(s) with key "${encryptionKeys(config).activeKeyId}"\n`,
        );
      } finally {
        await database.close();
      }
      return;
    }
    default:
      process.stderr.write(`kotae: unknown command "${command}"\n\n${USAGE}`);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // One clear line for configuration mistakes; the cause for anything else.
  if (error instanceof ConfigError) process.stderr.write(`kotae: configuration error: ${error.message}\n`);
  else process.stderr.write(`kotae: ${errorMessage(error)}\n`);
  process.exit(1);
});
