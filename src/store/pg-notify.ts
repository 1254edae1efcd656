/**
 * PostgreSQL LISTEN/NOTIFY, so processes sharing a database hear each other: the worker's
 * console messages reach the bot that serves the page. NOTIFY goes through the app's
 * pool (`pg_notify`, delivered when its statement commits); LISTEN holds one dedicated
 * connection, reconnecting after a drop. Payloads are small ids (PostgreSQL caps them
 * at 8000 bytes).
 */
import pg from 'pg';
import type { Logger } from '../core/logger.ts';
import type { Database } from './prisma-client.ts';
import { KotaeError } from '../core/errors.ts';

export async function pgNotify(db: Database, channel: string, payload: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}

export interface PgListener {
  close(): Promise<void>;
}

export async function pgListen(
  databaseUrl: string,
  channel: string,
  onPayload: (payload: string) => void,
  logger: Logger,
  retryMs = 1_000,
): Promise<PgListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel))
    throw new KotaeError('pg_channel_unsafe', `unsafe channel name ${channel}`);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', (error) => {
      logger.warn('database listener lost its connection; reconnecting', { channel, error });
      void next.end().catch(() => {});
      if (client === next) client = null;
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  }

  function schedule(): void {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: unknown) => {
        logger.warn('database listener could not reconnect', { channel, error });
        schedule();
      });
    }, retryMs);
    retry.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
