/**
 * Configuration, parsed once at start-up from the environment. Everything else receives
 * plain objects. A missing or malformed variable stops start-up with one line naming it.
 */
import { resolve } from 'node:path';
import type { Locale } from '../core/locale.ts';
import { ConfigError } from './config-error.ts';
import { envSchema, type Env } from './env-schema.ts';
import { consoleSettings, type ConsoleSettings } from './console-settings.ts';
import { digestSettings, type DigestSettings } from './digest-settings.ts';
import { gchatSettings, type GchatSettings } from './gchat-settings.ts';
import { slackSettings, type SlackSettings } from './slack-settings.ts';
import type { WarehouseLimits } from './warehouse-limits.ts';
import { parseModelPrices, type UsageConfig } from './usage-config.ts';

export interface Config {
  env: Env;
  server: { port: number; host: string; publicBaseUrl: string };
  dataDir: string;
  defaultLocale: Locale;
  timeZone: string;
  /** null: the embedded PGlite under dataDir. */
  databaseUrl: string | null;
  databasePoolSize: number;
  queue:
    | { kind: 'memory' }
    | {
        kind: 'pubsub';
        projectId: string;
        topic: string;
        subscription: string;
        createResources: boolean;
        maxMessages: number;
        ackDeadlineSeconds: number;
        emulatorHost: string | undefined;
      };
  tasks: {
    maxAttempts: number;
    leaseMs: number;
    workerConcurrency: number;
    shutdownGraceMs: number;
    questionMaxChars: number;
    userTasksPerHour: number;
    historyTurns: number;
    placeholderWaitMs: number;
    recoveryIntervalMs: number;
    recoveryPendingGraceMs: number;
    chartTtlMs: number;
  };
  warehouse:
    | { kind: 'duckdb'; path: string }
    | {
        kind: 'bigquery';
        projectId: string;
        location: string | undefined;
        datasets: string[];
        keyFile: string | undefined;
      };
  limits: WarehouseLimits;
  models: {
    openai?: { apiKey: string | undefined; baseURL: string | undefined; defaultModel: string };
    gemini?: { apiKey: string; baseUrl: string | undefined; defaultModel: string };
    chain: string[];
  };
  agent: { maxSteps: number; maxTokens: number; wallClockMs: number };
  sandbox: { timeoutMs: number; memoryMb: number };
  console: ConsoleSettings;
  /** Pub/Sub push endpoints: off unless both the audience and the pusher's account are set. */
  push: {
    audience: string;
    serviceAccount: string;
    certsUrl: string | undefined;
    /** The push subscription's ack deadline: a push request is never held past it. */
    ackDeadlineSeconds: number;
  } | null;
  usage: UsageConfig;
  /** The hosts an answer may link to: PUBLIC_BASE_URL's, then KOTAE_LINK_HOSTS. */
  links: { hosts: string[] };
  /** null: Slack is not configured (no SLACK_ variable). */
  slack: SlackSettings | null;
  /** null: Google Chat is not configured (no GCHAT_ variable). */
  gchat: GchatSettings | null;
  digests: DigestSettings;
}

export { ConfigError } from './config-error.ts';

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = source[name];
    throw new ConfigError(
      `${name} ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`,
    );
  }
  return buildConfig(parsed.data);
}

function buildConfig(env: Env): Config {
  const dataDir = resolve(env.KOTAE_DATA_DIR);
  const queueKind = env.KOTAE_QUEUE ?? (env.PUBSUB_PROJECT_ID ? 'pubsub' : 'memory');
  if (queueKind === 'pubsub' && !env.PUBSUB_PROJECT_ID) {
    throw new ConfigError('PUBSUB_PROJECT_ID is required when KOTAE_QUEUE=pubsub');
  }
  if (Boolean(env.PUBSUB_PUSH_AUDIENCE) !== Boolean(env.PUBSUB_PUSH_SERVICE_ACCOUNT)) {
    throw new ConfigError(
      'PUBSUB_PUSH_AUDIENCE and PUBSUB_PUSH_SERVICE_ACCOUNT are set together (Pub/Sub push)',
    );
  }
  const warehouseKind = env.KOTAE_WAREHOUSE ?? (env.BIGQUERY_PROJECT_ID ? 'bigquery' : 'duckdb');
  if (warehouseKind === 'bigquery' && !env.BIGQUERY_PROJECT_ID) {
    throw new ConfigError('BIGQUERY_PROJECT_ID is required when KOTAE_WAREHOUSE=bigquery');
  }
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return {
    env,
    links: { hosts: [new URL(publicBaseUrl).hostname, ...env.KOTAE_LINK_HOSTS] },
    server: {
      port: env.PORT,
      host: env.HOST,
      publicBaseUrl,
    },
    dataDir,
    defaultLocale: env.KOTAE_LOCALE,
    timeZone: env.KOTAE_TIME_ZONE,
    databaseUrl: env.DATABASE_URL ?? null,
    databasePoolSize: env.DATABASE_URL ? env.DATABASE_POOL_SIZE : 1,
    queue:
      queueKind === 'pubsub'
        ? {
            kind: 'pubsub',
            projectId: env.PUBSUB_PROJECT_ID!,
            topic: env.PUBSUB_TOPIC,
            subscription: env.PUBSUB_SUBSCRIPTION,
            createResources: env.PUBSUB_CREATE_RESOURCES,
            // WORKER_CONCURRENCY means the same for pull and push: tasks one worker holds at once.
            maxMessages: env.WORKER_CONCURRENCY,
            ackDeadlineSeconds: env.PUBSUB_ACK_DEADLINE_SECONDS,
            emulatorHost: env.PUBSUB_EMULATOR_HOST,
          }
        : { kind: 'memory' },
    tasks: {
      maxAttempts: env.TASK_MAX_ATTEMPTS,
      leaseMs: env.TASK_LEASE_MS,
      workerConcurrency: env.WORKER_CONCURRENCY,
      shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
      questionMaxChars: env.QUESTION_MAX_CHARS,
      userTasksPerHour: env.USER_TASKS_PER_HOUR,
      historyTurns: env.THREAD_HISTORY_TURNS,
      placeholderWaitMs: env.PLACEHOLDER_WAIT_MS,
      recoveryIntervalMs: env.RECOVERY_INTERVAL_MS,
      recoveryPendingGraceMs: env.RECOVERY_PENDING_GRACE_MS,
      chartTtlMs: env.CHART_TTL_MS,
    },
    warehouse:
      warehouseKind === 'bigquery'
        ? {
            kind: 'bigquery',
            projectId: env.BIGQUERY_PROJECT_ID!,
            location: env.BIGQUERY_LOCATION,
            datasets: env.BIGQUERY_DATASETS,
            keyFile: env.GOOGLE_APPLICATION_CREDENTIALS,
          }
        : { kind: 'duckdb', path: resolve(env.DUCKDB_PATH ?? `${dataDir}/demo.duckdb`) },
    limits: {
      maxBytesBilled: env.MAX_BYTES_BILLED,
      maxResultRows: env.MAX_RESULT_ROWS,
      maxResultBytes: env.MAX_RESULT_BYTES,
      queryTimeoutMs: env.QUERY_TIMEOUT_MS,
    },
    models: {
      ...(env.OPENAI_API_KEY || env.OPENAI_BASE_URL
        ? {
            openai: {
              apiKey: env.OPENAI_API_KEY,
              baseURL: env.OPENAI_BASE_URL,
              defaultModel: env.OPENAI_MODEL,
            },
          }
        : {}),
      ...(env.GEMINI_API_KEY
        ? {
            gemini: {
              apiKey: env.GEMINI_API_KEY,
              baseUrl: env.GEMINI_BASE_URL,
              defaultModel: env.GEMINI_MODEL,
            },
          }
        : {}),
      chain: env.KOTAE_MODEL_CHAIN,
    },
    agent: {
      maxSteps: env.AGENT_MAX_STEPS,
      maxTokens: env.AGENT_MAX_TOKENS,
      wallClockMs: env.AGENT_TIMEOUT_MS,
    },
    sandbox: { timeoutMs: env.SANDBOX_TIMEOUT_MS, memoryMb: env.SANDBOX_MEMORY_MB },
    console: consoleSettings(env, dataDir),
    push:
      env.PUBSUB_PUSH_AUDIENCE && env.PUBSUB_PUSH_SERVICE_ACCOUNT
        ? {
            audience: env.PUBSUB_PUSH_AUDIENCE,
            serviceAccount: env.PUBSUB_PUSH_SERVICE_ACCOUNT,
            certsUrl: env.GOOGLE_OIDC_CERTS_URL,
            ackDeadlineSeconds: env.PUBSUB_ACK_DEADLINE_SECONDS,
          }
        : null,
    // Chat before Slack: a half-configured pair reports the same variable first as before.
    gchat: gchatSettings(env),
    digests: digestSettings(env, queueKind),
    slack: slackSettings(env, publicBaseUrl),
    usage: {
      maxBytesPerDay: BigInt(env.KOTAE_MAX_BYTES_PER_DAY),
      usdPerTiB: env.BIGQUERY_USD_PER_TIB,
      modelPrices: parseModelPrices(env.KOTAE_MODEL_PRICES, (message) => new ConfigError(message)),
      retentionDays: env.KOTAE_RETENTION_DAYS,
    },
  };
}
