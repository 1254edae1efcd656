/**
 * `kotae mcp` options from flags and environment (flags win), checked by zod. Every problem
 * becomes one line that names the flag or variable, e.g.
 *   "--max-bytes: must be a size like 10GB or a number of bytes (got "lots")".
 * Environment names match the rest of Kotae (src/config/env-schema.ts).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { count, parseWarehouseLimits, WAREHOUSE_LIMITS } from '../config/warehouse-limits.ts';
import { KotaeError } from '../core/errors.ts';

export class McpCommandError extends KotaeError {
  constructor(message: string) {
    super('mcp.command', message);
    this.name = 'McpCommandError';
  }
}

export const MCP_USAGE = `Usage: kotae mcp (--stdio | --http <port>) [options]

  --stdio                 serve one client on stdin/stdout (Claude Desktop, Gemini CLI, MCP Inspector)
  --http <port>           serve Streamable HTTP at http://<host>:<port>/mcp (bearer token required)
  --host <address>        HTTP listen address (default 127.0.0.1)
  --token <secret>        bearer token for --http (or KOTAE_MCP_TOKEN)
  --backend <kind>        duckdb (default) or bigquery (KOTAE_WAREHOUSE); --project implies bigquery
  --duckdb <file>         serve this DuckDB file read-only (DUCKDB_PATH); default: the demo estate
  --project <id>          BigQuery project (BIGQUERY_PROJECT_ID)
  --location <location>   BigQuery location, e.g. asia-northeast1 (BIGQUERY_LOCATION)
  --key-file <file>       service account key (GOOGLE_APPLICATION_CREDENTIALS); default: ADC
  --datasets <a,b|*>      datasets the client may query (BIGQUERY_DATASETS); demo default: retail
  --max-bytes <size>      byte cap per query, e.g. 10GB (MAX_BYTES_BILLED; default 10GB)
  --max-rows <n>          rows returned per query (MAX_RESULT_ROWS; default 1000)
  --max-result-bytes <n>  size of returned rows (MAX_RESULT_BYTES; default 2MB)
  --timeout <ms>          query time limit (QUERY_TIMEOUT_MS; default 60000)
`;

const schema = z
  .object({
    stdio: z.boolean(),
    // 0 asks the OS for a free port; the URL is logged to stderr.
    http: count(0)
      .pipe(z.number().max(65535, { error: 'must be a port number (0-65535)' }))
      .optional(),
    host: z.string().min(1),
    token: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
    backend: z.enum(['duckdb', 'bigquery'], { error: 'must be duckdb or bigquery' }),
    duckdb: z.string().min(1).optional(),
    demoPath: z.string().min(1),
    project: z.string().min(1).optional(),
    location: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    datasets: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.stdio === (value.http !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mode'],
        message: 'choose exactly one of --stdio or --http <port>',
      });
    }
    if (value.http !== undefined && !value.token) {
      ctx.addIssue({
        code: 'custom',
        path: ['token'],
        message: 'HTTP needs a bearer token: pass --token or set KOTAE_MCP_TOKEN (at least 16 characters)',
      });
    }
    if (value.backend === 'bigquery' && !value.project) {
      ctx.addIssue({
        code: 'custom',
        path: ['project'],
        message: 'BigQuery needs --project or BIGQUERY_PROJECT_ID',
      });
    }
    if (value.backend === 'bigquery' && !value.datasets) {
      ctx.addIssue({
        code: 'custom',
        path: ['datasets'],
        message: 'BigQuery needs the datasets to allow: --datasets a,b (or * for all) or BIGQUERY_DATASETS',
      });
    }
  });

export interface McpCommandOptions {
  mode: { kind: 'stdio' } | { kind: 'http'; host: string; port: number; token: string };
  backend:
    | { kind: 'duckdb'; path: string; demo: boolean }
    | { kind: 'bigquery'; projectId: string; location?: string; keyFile?: string };
  allowedDatasets: string[] | '*';
  maxBytesBilled: number;
  maxRows: number;
  maxResultBytes: number;
  timeoutMs: number;
}

const FLAG_NAMES: Record<string, string> = {
  keyFile: '--key-file',
  demoPath: 'KOTAE_DATA_DIR',
};

function flagName(path: PropertyKey[]): string {
  const key = String(path[0] ?? '');
  if (key === 'mode') return 'kotae mcp';
  return FLAG_NAMES[key] ?? `--${key}`;
}

export function parseMcpOptions(argv: string[], env: Record<string, string | undefined>): McpCommandOptions {
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      options: {
        stdio: { type: 'boolean' },
        http: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        backend: { type: 'string' },
        duckdb: { type: 'string' },
        project: { type: 'string' },
        location: { type: 'string' },
        'key-file': { type: 'string' },
        datasets: { type: 'string' },
        ...Object.fromEntries(
          Object.values(WAREHOUSE_LIMITS).map((limit) => [limit.flag, { type: 'string' as const }]),
        ),
      },
    }).values;
  } catch (error) {
    throw new McpCommandError(`${(error as Error).message.split('\n')[0]} (see kotae mcp --help)`);
  }
  const blank = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const pick = (flag: string, variable?: string) =>
    (flags[flag] as string | undefined) ?? (variable ? blank(env[variable]) : undefined);
  const project = pick('project', 'BIGQUERY_PROJECT_ID');
  const backend = pick('backend', 'KOTAE_WAREHOUSE') ?? (project ? 'bigquery' : 'duckdb');
  const raw = {
    stdio: flags['stdio'] === true,
    http: pick('http'),
    host: pick('host') ?? '127.0.0.1',
    token: pick('token', 'KOTAE_MCP_TOKEN'),
    backend,
    duckdb: pick('duckdb', 'DUCKDB_PATH'),
    demoPath: `${blank(env['KOTAE_DATA_DIR']) ?? '.kotae'}/demo.duckdb`,
    project,
    location: pick('location', 'BIGQUERY_LOCATION'),
    keyFile: pick('key-file', 'GOOGLE_APPLICATION_CREDENTIALS'),
    datasets: pick('datasets', 'BIGQUERY_DATASETS'),
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new McpCommandError(`${flagName(issue.path)}: ${issue.message}`);
  }
  // The limits: the flag, else the variable the rest of Kotae reads, else src/config's default.
  const limits = parseWarehouseLimits(
    Object.fromEntries(
      Object.entries(WAREHOUSE_LIMITS).flatMap(([name, limit]) => {
        const value = pick(limit.flag, limit.variable);
        return value === undefined ? [] : [[name, value]];
      }),
    ),
  );
  if (!limits.ok) throw new McpCommandError(`--${WAREHOUSE_LIMITS[limits.name].flag}: ${limits.message}`);
  const value = parsed.data;
  const demo = value.backend === 'duckdb' && value.duckdb === undefined;
  const datasets = value.datasets?.trim();
  return {
    mode:
      value.http !== undefined
        ? { kind: 'http', host: value.host, port: value.http, token: value.token! }
        : { kind: 'stdio' },
    backend:
      value.backend === 'bigquery'
        ? {
            kind: 'bigquery',
            projectId: value.project!,
            ...(value.location ? { location: value.location } : {}),
            ...(value.keyFile ? { keyFile: value.keyFile } : {}),
          }
        : { kind: 'duckdb', path: value.duckdb ?? value.demoPath, demo },
    allowedDatasets:
      datasets === '*'
        ? '*'
        : datasets
          ? datasets
              .split(',')
              .map((item) => item.trim())
              .filter(Boolean)
          : demo
            ? ['retail']
            : '*',
    maxBytesBilled: limits.limits.maxBytesBilled,
    maxRows: limits.limits.maxResultRows,
    maxResultBytes: limits.limits.maxResultBytes,
    timeoutMs: limits.limits.queryTimeoutMs,
  };
}
