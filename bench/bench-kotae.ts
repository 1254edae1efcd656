/**
 * The whole bot (bot and worker in one process) as the benchmarks run it: a fresh data
 * directory, the demo warehouse, the scripted LLM server, and limits high enough that no
 * question of a burst is refused. `env` adds to or overrides that (DATABASE_URL, …).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKotae, type Kotae } from '../src/app/start-kotae.ts';
import { loadConfig } from '../src/config/config.ts';
import { silentLogger } from '../src/core/logger.ts';

export async function startBenchKotae(
  input: { demoPath: string; openaiBaseURL: string },
  env: Record<string, string> = {},
): Promise<Kotae> {
  return await startKotae(
    loadConfig({
      PORT: '0',
      KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-bench-')),
      DUCKDB_PATH: input.demoPath,
      OPENAI_BASE_URL: input.openaiBaseURL,
      OPENAI_API_KEY: 'bench',
      CHART_URL_SECRET: 'bench-chart-secret-0123456789',
      KOTAE_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
      USER_TASKS_PER_HOUR: '100000',
      ...env,
    }),
    { roles: { bot: true, worker: true }, migrate: true, logger: silentLogger },
  );
}
