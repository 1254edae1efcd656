/**
 * Remembers Events API deliveries this process accepted, and the ones it is processing,
 * by `event_id`. Slack retries a delivery it thinks failed (no 2xx within 3 s) after
 * about 0 s, 1 min and 5 min, with `x-slack-retry-num` and `x-slack-retry-reason`; a
 * retry of an event already accepted is answered 200 at once, and a copy arriving while
 * the original is still being processed waits for the original's outcome.
 *
 * This is the fast path only. The task's unique idempotency key in the database is what
 * makes a retry harmless across processes and restarts.
 */
import type { Clock } from '../../core/clock.ts';

export interface EventDedupeOptions {
  clock: Clock;
  /** Longer than Slack's last retry (about 5 minutes after the first delivery). */
  ttlMs?: number;
  maxEntries?: number;
}

export interface EventDedupe<T> {
  wasAccepted(eventId: string): boolean;
  markAccepted(eventId: string): void;
  inFlight(eventId: string): Promise<T> | undefined;
  track(eventId: string, outcome: Promise<T>): void;
}

export function createEventDedupe<T>(options: EventDedupeOptions): EventDedupe<T> {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const maxEntries = options.maxEntries ?? 100_000;
  // Insertion-ordered: the oldest entries come first, so expiry and eviction walk from the front.
  const accepted = new Map<string, number>();
  const running = new Map<string, Promise<T>>();

  function expire(now: number): void {
    for (const [eventId, at] of accepted) {
      if (now - at < ttlMs && accepted.size <= maxEntries) break;
      accepted.delete(eventId);
    }
  }

  return {
    wasAccepted(eventId) {
      const at = accepted.get(eventId);
      return at !== undefined && options.clock.now().getTime() - at < ttlMs;
    },
    markAccepted(eventId) {
      const now = options.clock.now().getTime();
      accepted.delete(eventId);
      accepted.set(eventId, now);
      expire(now);
    },
    inFlight: (eventId) => running.get(eventId),
    track(eventId, outcome) {
      running.set(eventId, outcome);
      const forget = () => {
        if (running.get(eventId) === outcome) running.delete(eventId);
      };
      outcome.then(forget, forget);
    },
  };
}
