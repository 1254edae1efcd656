/**
 * The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) and its loopback
 * socket server run here, so executing queries never takes the main thread, which acks
 * Slack and answers the console. Started and stopped by embedded-postgres.ts.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { KotaeError } from '../core/errors.ts';

export interface EmbeddedThreadSetup {
  dataDir?: string;
  port: number;
  /** Only create the data directory (initdb), then close: see embedded-postgres.ts. */
  initOnly?: boolean;
}

/**
 * PostgreSQL's own default of 128 MB of shared buffers is memory PGlite's WebAssembly heap
 * holds for good; Kotae's embedded database is small, and a page it misses is read from
 * the operating system's file cache. Measured: 246 → 129 MB RSS for a reopened database.
 */
const SETTINGS = ['shared_buffers = 16MB'];

export type EmbeddedThreadMessage = { type: 'ready'; conn: string } | { type: 'failed'; message: string };

const port = parentPort;
if (port === null)
  throw new KotaeError('not_in_worker_thread', 'embedded-postgres-thread.ts must run in a worker thread');
const setup = workerData as EmbeddedThreadSetup;

try {
  const db = await PGlite.create({
    ...(setup.dataDir ? { dataDir: setup.dataDir } : {}),
    postgresqlconf: SETTINGS,
  });
  if (setup.initOnly) {
    await db.close();
    port.postMessage({ type: 'ready', conn: '' } satisfies EmbeddedThreadMessage);
    port.close();
  } else await serve(db, port);
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  } satisfies EmbeddedThreadMessage);
}

async function serve(db: PGlite, port: MessagePort): Promise<void> {
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: setup.port,
    // The CLI's schema engine and our app each hold a connection; queries are queued
    // per statement inside pglite-socket.
    maxConnections: 8,
  });
  await server.start();
  port.on('message', (message: { type: 'stop' }) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await server.stop();
      await db.close();
      port.postMessage({ type: 'stopped' });
      port.close();
    })();
  });
  port.postMessage({ type: 'ready', conn: server.getServerConn() } satisfies EmbeddedThreadMessage);
}
