/**
 * The placeholder's one owner waits for another holder by the injected clock and timers,
 * not by the wall clock: a holder that died is taken over exactly when the wait runs out,
 * and one that records its message in time is never posted over. If this breaks, a dead
 * ingress leaves a question without its 「考え中…」 for too long, or a slow one gets a second.
 */
import { describe, expect, it } from 'vitest';
import { ensurePlaceholder, offerPlaceholder, placeholderContent } from '../../src/core/placeholder.ts';
import type { PlaceholderState, TaskPlaceholders } from '../../src/core/ports/task-placeholder.ts';
import { createManualTimers } from '../support/manual-timers.ts';
import { recordingPlatform } from '../support/recording-platform.ts';

/** One task's placeholder columns, with the store's conditional updates. */
function placeholderColumns(initial: PlaceholderState = { messageId: null, reservedBy: null }) {
  const state = { ...initial };
  const port: TaskPlaceholders = {
    async reservePlaceholder(_taskId, holder, options = {}) {
      if (state.messageId !== null || state.reservedBy !== (options.replacing ?? null)) return false;
      state.reservedBy = holder;
      return true;
    },
    async releasePlaceholder(_taskId, holder) {
      if (state.reservedBy === holder) state.reservedBy = null;
    },
    async setPlaceholder(_taskId, messageId, holder) {
      if (state.messageId === null && (state.reservedBy === null || state.reservedBy === holder)) {
        state.messageId = messageId;
        state.reservedBy = null;
      }
      return state.messageId ?? messageId;
    },
    placeholderOf: async () => ({ ...state }),
  };
  return { port, state };
}

const thread = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1', threadId: '1.0' };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the placeholder owner', () => {
  it('takes over a dead holder’s reservation only when the wait runs out on the injected clock', async () => {
    const { port, state } = placeholderColumns({ messageId: null, reservedBy: 'intake:died' });
    const timers = createManualTimers();
    const { platform, posts } = recordingPlatform();
    const task = { id: 't1', thread, placeholderId: null, placeholderReservedBy: 'intake:died' };
    let done = false;
    const ensured = ensurePlaceholder({ tasks: port, clock: timers.clock, timers }, task, platform, {
      holder: 'worker:w1',
      waitMs: 1_500,
      content: placeholderContent('ja'),
      idempotencyKey: 't1:placeholder',
    }).then((message) => {
      done = true;
      return message;
    });
    for (let waited = 0; waited < 1_400; waited += 100) {
      await settle();
      timers.advance(100);
    }
    await settle();
    expect(done).toBe(false);
    expect(posts).toHaveLength(0);
    for (let waited = 0; waited < 400 && !done; waited += 100) {
      await settle();
      timers.advance(100);
    }
    expect((await ensured).messageId).toBe('msg-1');
    expect(posts).toHaveLength(1);
    expect(state).toEqual({ messageId: 'msg-1', reservedBy: null });
  });

  it('reads the message a live holder records in time, and posts nothing itself', async () => {
    const { port } = placeholderColumns();
    const timers = createManualTimers();
    const { platform, posts } = recordingPlatform();
    const task = { id: 't2', thread, placeholderId: null, placeholderReservedBy: null };
    // Intake reserved first; the worker arrives while intake's post is on its way.
    expect(await port.reservePlaceholder('t2', 'intake:live')).toBe(true);
    const ensured = ensurePlaceholder({ tasks: port, clock: timers.clock, timers }, task, platform, {
      holder: 'worker:w1',
      waitMs: 1_500,
      content: placeholderContent('ja'),
      idempotencyKey: 't2:placeholder',
    });
    await settle();
    timers.advance(100);
    await port.setPlaceholder('t2', 'intake-msg', 'intake:live');
    for (let waited = 0; waited < 1_000; waited += 100) {
      await settle();
      timers.advance(100);
    }
    expect((await ensured).messageId).toBe('intake-msg');
    expect(posts).toHaveLength(0);
    // And intake, offering after the fact, posts nothing either.
    const after = { ...task, placeholderId: 'intake-msg' };
    expect(await offerPlaceholder(port, after, platform, 'ja')).toBeNull();
    expect(posts).toHaveLength(0);
  });

  it('gives the reservation back when intake’s post fails, so the worker posts at once', async () => {
    const { port, state } = placeholderColumns();
    const failing = recordingPlatform();
    const task = { id: 't3', thread, placeholderId: null, placeholderReservedBy: null };
    failing.platform.post = async () => {
      throw new Error('slack down');
    };
    await expect(offerPlaceholder(port, task, failing.platform, 'ja')).rejects.toThrow('slack down');
    expect(state).toEqual({ messageId: null, reservedBy: null });
    const timers = createManualTimers();
    const { platform, posts } = recordingPlatform();
    const message = await ensurePlaceholder({ tasks: port, clock: timers.clock, timers }, task, platform, {
      holder: 'worker:w1',
      waitMs: 1_500,
      content: placeholderContent('ja'),
      idempotencyKey: 't3:placeholder',
    });
    expect(message.messageId).toBe('msg-1');
    expect(posts).toHaveLength(1);
  });
});
