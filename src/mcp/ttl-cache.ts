/**
 * A small cache of async loads with a time-to-live, keyed by string. Concurrent callers
 * share one load; a failed load is forgotten at once so the next call retries.
 */
import type { Clock } from '../core/clock.ts';

export interface TtlCache<V> {
  get(key: string): Promise<V>;
  clear(): void;
}

export function createTtlCache<V>(
  load: (key: string) => Promise<V>,
  ttlMs: number,
  clock: Clock,
): TtlCache<V> {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    get(key) {
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load(key);
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
