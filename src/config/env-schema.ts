/**
 * Every environment variable Kotae reads, in one zod schema. Values are strings in the
 * environment; the helpers here turn them into typed values with messages that name the
 * variable. Only src/config/ reads process.env.
 */
import { z } from 'zod';
import { limitVariable } from './warehouse-limits.ts';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

export const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

export const bool = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  );

export const url = z.preprocess(
  emptyToUndefined,
  z.url({ error: 'must be a URL like https://…' }).optional(),
);

/** An http(s) URL: API base URLs, where `file:` or `javascript:` would be a mistake. */
export const httpUrl = z.preprocess(
  emptyToUndefined,
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://…' }).optional(),
);

export const list = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
);

export const envSchema = z.object({
  // Server
  PORT: int(8080, 0, 65535),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  PUBLIC_BASE_URL: httpUrl,
  /** Hosts, besides PUBLIC_BASE_URL's, an answer may link to (comma-separated). */
  KOTAE_LINK_HOSTS: list,
  /** The console's webfont: built into the data directory (auto), at this path, or off. */
  KOTAE_CONSOLE_FONT: z.preprocess(emptyToUndefined, z.string().default('auto')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  /** json: Cloud Logging lines; pretty: for a terminal. Default: pretty for `kotae dev`, else json. */
  LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['json', 'pretty']).optional()),
  /** OTLP/HTTP base URL (traces go to <endpoint>/v1/traces); unset: no traces are exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl,
  OTEL_SERVICE_NAME: optionalString,
  /** The project whose Cloud Trace log lines link to (logging.googleapis.com/trace). */
  GOOGLE_CLOUD_PROJECT: optionalString,
  KOTAE_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.kotae')),
  KOTAE_LOCALE: z.preprocess(emptyToUndefined, z.enum(['ja', 'en']).default('ja')),
  KOTAE_TIME_ZONE: z.preprocess(emptyToUndefined, z.string().default('Asia/Tokyo')),

  // Database
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: int(10, 1, 100),

  // Queue
  KOTAE_QUEUE: z.preprocess(emptyToUndefined, z.enum(['memory', 'pubsub']).optional()),
  PUBSUB_PROJECT_ID: optionalString,
  PUBSUB_TOPIC: z.preprocess(emptyToUndefined, z.string().default('kotae-tasks')),
  PUBSUB_SUBSCRIPTION: z.preprocess(emptyToUndefined, z.string().default('kotae-tasks-worker')),
  PUBSUB_CREATE_RESOURCES: bool(true),
  PUBSUB_ACK_DEADLINE_SECONDS: int(60, 10, 600),
  PUBSUB_EMULATOR_HOST: optionalString,

  // Tasks and the worker
  TASK_MAX_ATTEMPTS: int(3, 1, 20),
  TASK_LEASE_MS: int(60_000, 1_000),
  WORKER_CONCURRENCY: int(16, 1, 64),
  WORKER_SHUTDOWN_GRACE_MS: int(10_000, 0),
  QUESTION_MAX_CHARS: int(4_000, 10),
  USER_TASKS_PER_HOUR: int(60, 1),
  /** Earlier exchanges of the thread the agent sees, for follow-ups. */
  THREAD_HISTORY_TURNS: int(8, 0, 50),
  /** How long the worker waits for ingress to record its placeholder before posting its own. */
  PLACEHOLDER_WAIT_MS: int(1_500, 0, 60_000),
  /** How often recovery sweeps for PENDING tasks and expired leases. */
  RECOVERY_INTERVAL_MS: int(30_000, 1_000),
  /** How old a PENDING task must be before recovery publishes it again. */
  RECOVERY_PENDING_GRACE_MS: int(60_000, 1_000),
  /** How long a stored chart image stays reachable (its signed link and "show chart"). */
  CHART_TTL_MS: int(7 * 24 * 3_600_000, 60_000),

  // Warehouse
  KOTAE_WAREHOUSE: z.preprocess(emptyToUndefined, z.enum(['duckdb', 'bigquery']).optional()),
  DUCKDB_PATH: optionalString,
  BIGQUERY_PROJECT_ID: optionalString,
  BIGQUERY_LOCATION: optionalString,
  BIGQUERY_DATASETS: list,
  GOOGLE_APPLICATION_CREDENTIALS: optionalString,
  MAX_BYTES_BILLED: limitVariable('maxBytesBilled'),
  MAX_RESULT_ROWS: limitVariable('maxResultRows'),
  MAX_RESULT_BYTES: limitVariable('maxResultBytes'),
  QUERY_TIMEOUT_MS: limitVariable('queryTimeoutMs'),

  // Budgets, usage and retention
  KOTAE_MAX_BYTES_PER_DAY: int(100 * 1024 ** 4, 1),
  BIGQUERY_USD_PER_TIB: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'must be a number' }).min(0, { error: 'must be at least 0' }).default(6.25),
  ),
  /** "model=input/output,…" in USD per million tokens. */
  KOTAE_MODEL_PRICES: optionalString,
  KOTAE_RETENTION_DAYS: int(400, 1),

  // LLM
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4.1-mini')),
  GEMINI_API_KEY: optionalString,
  GEMINI_BASE_URL: httpUrl,
  GEMINI_MODEL: z.preprocess(emptyToUndefined, z.string().default('gemini-2.5-flash')),
  KOTAE_MODEL_CHAIN: list,

  // Agent budgets
  AGENT_MAX_STEPS: int(12, 1, 100),
  AGENT_MAX_TOKENS: int(200_000, 1_000),
  AGENT_TIMEOUT_MS: int(180_000, 1_000),

  // Sandbox
  SANDBOX_TIMEOUT_MS: int(5_000, 100),
  SANDBOX_MEMORY_MB: int(64, 8, 1_024),

  // Secrets
  KOTAE_ENCRYPTION_KEYS: optionalString,
  KOTAE_ENCRYPTION_KEY_ID: optionalString,
  CHART_URL_SECRET: optionalString,

  // Admin plane: Google Chat (and IAP console) admins by email; the console's local user
  // administers an embedded `kotae dev` unless this is false.
  KOTAE_ADMIN_EMAILS: list,
  KOTAE_CONSOLE_ADMIN: bool(true),

  // Slack
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SOCKET_MODE: bool(false),
  SLACK_API_URL: httpUrl,

  // Google Chat
  GCHAT_AUDIENCE_MODE: z.preprocess(emptyToUndefined, z.enum(['project_number', 'endpoint_url']).optional()),
  GCHAT_AUDIENCE: optionalString,
  GCHAT_PUBSUB_SUBSCRIPTION: optionalString,
  GCHAT_API_URL: httpUrl,
  GCHAT_CERTS_URL: httpUrl,
  /** Chat events arrive by Pub/Sub push at /pubsub/push/chat (needs PUBSUB_PUSH_*). */
  GCHAT_PUSH: bool(false),
  /**
   * The Chat app is configured as a Google Workspace add-on: Chat strips any card carrying
   * an OPEN_DIALOG button there, so answers go without dialog buttons.
   */
  GCHAT_ADDON: bool(false),

  // Console on `kotae bot` (closed unless `iap`), and Pub/Sub push
  KOTAE_CONSOLE: z.preprocess(emptyToUndefined, z.enum(['off', 'iap']).default('off')),
  IAP_AUDIENCE: optionalString,
  IAP_CERTS_URL: httpUrl,
  PUBSUB_PUSH_AUDIENCE: optionalString,
  PUBSUB_PUSH_SERVICE_ACCOUNT: optionalString,
  GOOGLE_OIDC_CERTS_URL: httpUrl,

  // Digests: Cloud Scheduler's OIDC call to POST /internal/digests/tick (audience and caller)
  DIGEST_TICK_AUDIENCE: optionalString,
  DIGEST_TICK_SERVICE_ACCOUNT: optionalString,
  DIGEST_TICK_CERTS_URL: httpUrl,
  /** The in-process minute timer; on by default in the embedded mode (`kotae dev`). */
  DIGEST_TIMER: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).optional()),
  /** A slot whose tick runs later than this is posted marked late. */
  DIGEST_LATE_AFTER_MS: int(5 * 60_000, 60_000),
  /** `/kotae digest run` answers within Slack's 3-second ack: it waits this long for the outcome. */
  DIGEST_RUN_WAIT_MS: int(2_500, 0, 2_800),
});

export type Env = z.infer<typeof envSchema>;
