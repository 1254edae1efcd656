/**
 * The whole bot (bot and worker in one process) as the benchmarks run it: a fresh data
 * directory, the demo warehouse, the scripted LLM server, and limits high enough that no
 * question of a burst is refused. `env` adds to or overrides that (DATABASE_URL, …).
 */
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKotae, type Kotae } from '../src/app/start-kotae.ts';
import { loadConfig } from '../src/config/config.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { MemorySample } from './memory-sampler.ts';

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

/** The fork IPC protocol of kotae-process.ts. */
export type ParentMessage = { type: 'mark' } | { type: 'measure' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; url: string; started: MemorySample }
  | { type: 'marked'; before: MemorySample }
  | { type: 'measured'; peak: MemorySample; loopMaxMs: number; loopP99Ms: number };

export interface KotaeProcess {
  url: string;
  started: MemorySample;
  /** Starts watching the event loop; the memory sample at that moment. */
  mark(): Promise<MemorySample>;
  /** Since the mark: the peak memory sample and the event loop's longest and p99 delay. */
  measure(): Promise<{ peak: MemorySample; loopMaxMs: number; loopP99Ms: number }>;
  stop(): Promise<void>;
}

/** startBenchKotae in a child process of its own (kotae-process.ts), with the same Node and flags. */
export async function startKotaeProcess(
  input: { demoPath: string; openaiBaseURL: string },
  env: Record<string, string> = {},
): Promise<KotaeProcess> {
  const child = fork(fileURLToPath(new URL('./kotae-process.ts', import.meta.url)), [
    JSON.stringify({ ...input, env }),
  ]);
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`bench Kotae exited (${code}) awaiting ${type}`));
      child.once('exit', onExit);
      child.on('message', function onMessage(message: ChildMessage) {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<ChildMessage, { type: T }>);
      });
    });
  const ask = <T extends ChildMessage['type']>(message: ParentMessage, type: T) => {
    const answer = next(type);
    child.send(message);
    return answer;
  };
  const ready = await next('ready');
  return {
    url: ready.url,
    started: ready.started,
    mark: async () => (await ask({ type: 'mark' }, 'marked')).before,
    measure: async () => await ask({ type: 'measure' }, 'measured'),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
