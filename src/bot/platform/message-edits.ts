/**
 * Coalesces edits to one message: at most one edit per `minGapMs` per message, and when
 * edits arrive faster, only the latest is written. A final content (the answer) is never
 * dropped and never replaced by a progress edit while it waits. An edit that is one API
 * call waits in its conversation's queue as a progress write (after new messages and
 * answers), and a later edit of the same message replaces it there until it starts.
 *
 * Why: the worker reports every step; edits count against the platform's write budget,
 * and a thread that flickers ten times a second is unreadable anyway.
 */
import type { Clock } from '../../core/clock.ts';
import type { ConversationQueues, RunOptions } from './conversation-queue.ts';

export interface EditPolicy {
  /** Minimum gap between two edits of one message, counted from the last write to it. */
  minGapMs: number;
  /**
   * A final content is the message's last: a progress edit that comes after it is dropped.
   * Otherwise a final only wins over progress edits while it waits (a re-run may follow).
   */
  finalsAreLast: boolean;
}

export interface EditOptions {
  policy: EditPolicy;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  queues: Pick<ConversationQueues, 'run'>;
}

export interface MessageEdits {
  /**
   * Resolves once this edit, or a later one that replaced it, has been written. With a
   * `conversation`, `write` is one API call and is queued there; without one, `write`
   * queues its own calls (e.g. an edit that also posts the rest of a long answer).
   */
  edit(key: string, final: boolean, write: () => Promise<void>, conversation?: string): Promise<void>;
  /** Records that the message was just written some other way (e.g. posted). */
  touch(key: string): void;
  /** Edits waiting or being written now. */
  busy(): Promise<void>[];
}

const MAX_IDLE_STATES = 1_000;
/** How many finished messages to remember, so a late progress edit cannot replace an answer. */
const REMEMBER_FINALS = 10_000;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface Batch {
  write: () => Promise<void>;
  final: boolean;
  conversation: string | undefined;
  waiters: Waiter[];
  /** How the batch waits in its queue; read when the queue picks it. */
  queued: RunOptions;
}

interface MessageState {
  lastSentAt: number | null;
  pending: Batch | null;
  scheduled: boolean;
  inFlight: Batch | null;
  /** The in-flight batch still waits in its queue, so a later edit may replace its write. */
  open: boolean;
  finalQueued: boolean;
}

export function createMessageEdits(options: EditOptions): MessageEdits {
  const { policy, clock, sleep, queues } = options;
  const states = new Map<string, MessageState>();
  const finished = new Set<string>();
  const active = new Set<Promise<void>>();

  function stateOf(key: string): MessageState {
    let state = states.get(key);
    if (!state) {
      state = {
        lastSentAt: null,
        pending: null,
        scheduled: false,
        inFlight: null,
        open: false,
        finalQueued: false,
      };
      states.set(key, state);
    }
    return state;
  }

  function track(work: Promise<void>): void {
    active.add(work);
    void work.finally(() => active.delete(work));
  }

  function schedule(key: string, state: MessageState): void {
    if (state.scheduled || state.inFlight || !state.pending) return;
    const now = clock.now().getTime();
    const due = state.lastSentAt === null ? now : state.lastSentAt + policy.minGapMs;
    state.scheduled = true;
    const wait = due <= now ? Promise.resolve() : sleep(due - now);
    track(wait.then(() => flush(key, state)));
  }

  function send(state: MessageState, batch: Batch): Promise<void> {
    if (batch.conversation === undefined) return batch.write();
    state.open = true;
    const write = () => {
      state.open = false;
      return batch.write();
    };
    return queues.run(batch.conversation, write, batch.queued);
  }

  async function flush(key: string, state: MessageState): Promise<void> {
    state.scheduled = false;
    const batch = state.pending;
    if (!batch) return;
    state.pending = null;
    state.inFlight = batch;
    try {
      await send(state, batch);
    } catch (error) {
      state.inFlight = null;
      state.open = false;
      for (const waiter of batch.waiters) waiter.reject(error);
      if (batch.final) finish(key, state, false);
      if (state.pending) schedule(key, state);
      else if (!state.finalQueued) states.delete(key);
      return;
    }
    state.lastSentAt = clock.now().getTime();
    state.inFlight = null;
    state.open = false;
    for (const waiter of batch.waiters) waiter.resolve();
    if (batch.final) finish(key, state, true);
    if (state.pending) schedule(key, state);
    else if (batch.final) states.delete(key);
  }

  function finish(key: string, state: MessageState, written: boolean): void {
    if (!policy.finalsAreLast) {
      // Progress may follow again once no final waits (e.g. the question is re-run).
      if (!state.pending?.final) state.finalQueued = false;
      return;
    }
    if (!written) return;
    finished.add(key);
    if (finished.size > REMEMBER_FINALS) finished.delete(finished.values().next().value as string);
  }

  /** Forgets messages with nothing pending whose last write is older than the gap. */
  function prune(): void {
    const cutoff = clock.now().getTime() - policy.minGapMs;
    for (const [key, state] of states) {
      const idle = !state.pending && !state.inFlight && !state.scheduled && !state.finalQueued;
      if (idle && (state.lastSentAt ?? 0) <= cutoff) states.delete(key);
    }
  }

  return {
    edit(key, final, write, conversation) {
      if (!final && finished.has(key)) return Promise.resolve();
      const state = stateOf(key);
      return new Promise<void>((resolve, reject) => {
        const waiter = { resolve, reject };
        if (!final && state.finalQueued) {
          // The answer is already on its way; a late progress edit must not replace it.
          if (state.pending) state.pending.waiters.push(waiter);
          else resolve();
          return;
        }
        if (final) state.finalQueued = true;
        const waiting = state.open ? state.inFlight : null;
        if (waiting) {
          // Still in its queue: write this one instead, in its place.
          waiting.write = write;
          waiting.waiters.push(waiter);
          if (final) waiting.final = true;
          waiting.queued.progress = !waiting.final;
          return;
        }
        const waiters = state.pending ? [...state.pending.waiters, waiter] : [waiter];
        const batch: Batch = { write, final, conversation, waiters, queued: {} };
        batch.queued = { progress: !final, superseded: () => !batch.final && state.pending !== null };
        state.pending = batch;
        schedule(key, state);
      });
    },
    touch(key) {
      if (states.size >= MAX_IDLE_STATES) prune();
      stateOf(key).lastSentAt = clock.now().getTime();
    },
    busy: () => [...active],
  };
}
