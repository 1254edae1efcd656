/**
 * The embedded database: PGlite (PostgreSQL 18 in WebAssembly) served on a loopback port
 * with pglite-socket, so Prisma (through adapter-pg) and the Prisma CLI talk to it exactly
 * as they talk to PostgreSQL in production. Data lives in a directory under `.kotae/`.
 *
 * PGlite runs in a worker thread of its own (embedded-postgres-thread.ts): its queries are
 * CPU on whichever thread runs them, and on the main thread a burst of questions turned
 * every query into an event-loop stall.
 *
 * Clients must use a pool of ONE connection: with more, queries on other connections
 * returned null or wrong rows while an interactive transaction was open (ENVIRONMENT.md).
 * One process at a time per data directory (data-dir-lock.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './data-dir-lock.ts';
import type { EmbeddedThreadMessage, EmbeddedThreadSetup } from './embedded-postgres-thread.ts';
import { WORKER_YOUNG_GENERATION_MB } from '../core/worker-heap.ts';

export interface EmbeddedPostgres {
  /** A postgresql:// URL for adapter-pg and the Prisma CLI. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory, or undefined for an in-memory database (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** The thread's entry next to this module: .ts when running from source, .js when built. */
function threadUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./embedded-postgres-thread${extension}`, import.meta.url);
}

interface Thread {
  worker: Worker;
  conn: string;
  exited: Promise<void>;
}

async function startThread(setup: EmbeddedThreadSetup): Promise<Thread> {
  const worker = new Worker(threadUrl(), {
    workerData: setup,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const conn = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the embedded database exited (code ${code})`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: EmbeddedThreadMessage) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (message.type === 'ready') resolve(message.conn);
      else {
        void worker.terminate();
        reject(new Error(`the embedded database could not start: ${message.message}`));
      }
    });
  });
  return { worker, conn, exited };
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Before PGlite touches the files: a second process gets one clear line instead.
  const lock = options.dataDir ? lockDataDir(options.dataDir) : null;
  const setup: EmbeddedThreadSetup = {
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    port: options.port ?? 0,
  };
  let conn: string;
  let worker: Worker;
  try {
    // A new data directory is made (initdb) by a thread of its own that then exits: initdb
    // runs a second PGlite whose WebAssembly memory would otherwise stay in the serving
    // thread until a garbage collection it may never need (about 250 MB, measured).
    if (options.dataDir && !existsSync(join(options.dataDir, 'PG_VERSION'))) {
      await (
        await startThread({ ...setup, initOnly: true })
      ).exited;
    }
    ({ worker, conn } = await startThread(setup));
  } catch (error) {
    lock?.release();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    url: `postgresql://postgres@${conn}/postgres?sslmode=disable`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        // Closed cleanly (PGlite flushes its data directory); exit is the backstop.
        worker.once('exit', () => {
          lock?.release();
          resolve();
        });
        worker.once('message', () => void worker.terminate());
        worker.postMessage({ type: 'stop' });
      })),
  };
}
