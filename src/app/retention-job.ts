/**
 * The daily retention job: at 03:17 in the configured time zone, deletes question history
 * older than KOTAE_RETENTION_DAYS (src/store/retention-store.ts). One run at a time; a failed
 * run is logged and the next day tries again.
 */
import { Cron } from 'croner';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../store/prisma-client.ts';
import { deleteHistoryBefore, type RetentionResult } from '../store/retention-store.ts';

const DAY_MS = 86_400_000;

export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export async function runRetention(
  db: Database,
  clock: Clock,
  retentionDays: number,
  logger: Logger,
): Promise<RetentionResult> {
  const cutoff = retentionCutoff(clock.now(), retentionDays);
  const result = await deleteHistoryBefore(db, cutoff);
  logger.info('retention: old history deleted', { cutoff: cutoff.toISOString(), ...result });
  return result;
}

export function startRetentionJob(deps: {
  db: Database;
  clock: Clock;
  retentionDays: number;
  timeZone: string;
  logger: Logger;
}): { stop(): void } {
  const job = new Cron('17 3 * * *', { timezone: deps.timeZone, protect: true }, async () => {
    try {
      await runRetention(deps.db, deps.clock, deps.retentionDays, deps.logger);
    } catch (error) {
      deps.logger.warn('retention run failed', { error });
    }
  });
  return { stop: () => job.stop() };
}
