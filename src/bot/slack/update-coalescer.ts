/**
 * Coalesces edits to one message: at most one edit per `intervalMs` per message, and
 * when edits arrive faster, only the latest content is sent. A final content (the answer)
 * is never dropped and never overwritten by a later progress update.
 *
 * Why: the worker reports every step; chat.update is rate limited per workspace (Tier 3,
 * ~50/min) and a thread that flickers ten times a second is unreadable anyway.
 */
import type { Clock } from '../../core/clock.ts';
import type { Timers } from '../../core/timers.ts';

export interface CoalescerOptions<C> {
  clock: Clock;
  timers: Timers;
  intervalMs: number;
  isFinal(content: C): boolean;
  send(key: string, content: C): Promise<void>;
  /** How many finished messages to remember, so a late progress update cannot replace an answer. */
  rememberFinal?: number;
}

export interface UpdateCoalescer<C> {
  /** Resolves once this content, or a later one that replaced it, has been sent. */
  update(key: string, content: C): Promise<void>;
  /** Records that the message was just written some other way (e.g. posted). */
  touch(key: string): void;
}

const MAX_IDLE_STATES = 1_000;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface MessageState<C> {
  lastSentAt: number | null;
  pending: { content: C; waiters: Waiter[] } | null;
  scheduled: boolean;
  inFlight: boolean;
  finalQueued: boolean;
}

export function createUpdateCoalescer<C>(options: CoalescerOptions<C>): UpdateCoalescer<C> {
  const states = new Map<string, MessageState<C>>();
  const finished = new Set<string>();
  const rememberFinal = options.rememberFinal ?? 10_000;

  function stateOf(key: string): MessageState<C> {
    let state = states.get(key);
    if (!state) {
      state = { lastSentAt: null, pending: null, scheduled: false, inFlight: false, finalQueued: false };
      states.set(key, state);
    }
    return state;
  }

  function schedule(key: string, state: MessageState<C>): void {
    if (state.scheduled || state.inFlight || !state.pending) return;
    const now = options.clock.now().getTime();
    const due = state.lastSentAt === null ? now : state.lastSentAt + options.intervalMs;
    state.scheduled = true;
    if (due <= now) queueMicrotask(() => flush(key, state));
    else options.timers.setTimeout(() => flush(key, state), due - now);
  }

  function flush(key: string, state: MessageState<C>): void {
    state.scheduled = false;
    const batch = state.pending;
    if (!batch) return;
    state.pending = null;
    state.inFlight = true;
    const final = options.isFinal(batch.content);
    options.send(key, batch.content).then(
      () => {
        state.lastSentAt = options.clock.now().getTime();
        state.inFlight = false;
        for (const waiter of batch.waiters) waiter.resolve();
        if (final) markFinished(key);
        if (state.pending) schedule(key, state);
        else if (final) states.delete(key);
      },
      (error: unknown) => {
        state.inFlight = false;
        for (const waiter of batch.waiters) waiter.reject(error);
        if (state.pending) schedule(key, state);
        else if (!state.finalQueued) states.delete(key);
      },
    );
  }

  /** Forgets messages with nothing pending whose last write is older than the interval. */
  function prune(): void {
    const cutoff = options.clock.now().getTime() - options.intervalMs;
    for (const [key, state] of states) {
      const idle = !state.pending && !state.inFlight && !state.scheduled && !state.finalQueued;
      if (idle && (state.lastSentAt ?? 0) <= cutoff) states.delete(key);
    }
  }

  function markFinished(key: string): void {
    finished.add(key);
    if (finished.size > rememberFinal) finished.delete(finished.values().next().value as string);
  }

  return {
    update(key, content) {
      const final = options.isFinal(content);
      if (!final && finished.has(key)) return Promise.resolve();
      const state = stateOf(key);
      return new Promise<void>((resolve, reject) => {
        const waiter = { resolve, reject };
        if (!final && state.finalQueued) {
          // The answer is already on its way; a late progress update must not replace it.
          if (state.pending) state.pending.waiters.push(waiter);
          else resolve();
          return;
        }
        if (final) state.finalQueued = true;
        const waiters = state.pending ? [...state.pending.waiters, waiter] : [waiter];
        state.pending = { content, waiters };
        schedule(key, state);
      });
    },
    touch(key) {
      if (states.size >= MAX_IDLE_STATES) prune();
      stateOf(key).lastSentAt = options.clock.now().getTime();
    },
  };
}
