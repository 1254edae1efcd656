/**
 * Timers driven by a manual clock: nothing fires until the test advances time, so a
 * 30-second Retry-After costs no wall time and the order of events is exact.
 */
import { createManualClock } from '../../src/core/clock.ts';
import type { Timers } from '../../src/core/timers.ts';

export type ManualClock = ReturnType<typeof createManualClock>;

export interface ManualTimers extends Timers {
  readonly clock: ManualClock;
  /** Moves the clock forward, firing due timers in order at their own times. */
  advance(ms: number): void;
  pending(): number;
}

export function createManualTimers(clock: ManualClock = createManualClock()): ManualTimers {
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();

  return {
    clock,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: clock.now().getTime() + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const target = clock.now().getTime() + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= target)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        clock.set(new Date(due[1].at));
        due[1].callback();
      }
      clock.set(new Date(target));
    },
    pending: () => timers.size,
  };
}
