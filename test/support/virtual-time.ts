/**
 * Time that only moves when code waits: `sleep(ms)` advances the manual clock by `ms` and
 * yields. Code that throttles itself by the clock can then be run for "minutes" in
 * milliseconds, and what it did can still be checked against clock time.
 */
import { createManualClock } from '../../src/core/clock.ts';

export function createVirtualTime(start = new Date('2026-03-02T09:00:00+09:00')) {
  const clock = createManualClock(start);
  let slept = 0;
  return {
    clock,
    async sleep(ms: number): Promise<void> {
      slept += ms;
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    get sleptMs() {
      return slept;
    },
  };
}
