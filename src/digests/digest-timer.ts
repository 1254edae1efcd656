/**
 * The embedded mode's scheduler: the same tick as Cloud Scheduler's route, once a minute
 * (a few seconds past it, so a slot at :00 is due). One tick at a time; a failed tick is
 * logged and the next minute tries again.
 */
import type { Logger } from '../core/logger.ts';

export function startDigestTimer(deps: {
  tick: () => Promise<unknown>;
  logger: Logger;
  intervalMs?: number;
}): () => Promise<void> {
  const intervalMs = deps.intervalMs ?? 60_000;
  let running: Promise<void> | null = null;
  const fire = () => {
    if (running) return;
    running = deps
      .tick()
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.warn('digest tick failed', { error }))
      .finally(() => {
        running = null;
      });
  };
  fire();
  const timer = setInterval(fire, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
