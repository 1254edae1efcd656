/**
 * The lifecycle port: PENDING → RUNNING → COMPLETED | FAILED, as the worker drives it.
 * Every transition after the claim names the lease owner, so a worker that lost its lease
 * can no longer change the task.
 */
import type { Task } from '../task.ts';

export interface TaskLifecycle {
  /** PENDING, or RUNNING with an expired lease → RUNNING, attempts + 1; null when not claimable. */
  claim(taskId: string, owner: string, leaseMs: number, now: Date): Promise<Task | null>;
  /** The heartbeat: false when the lease is no longer ours. */
  extendLease(taskId: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Gives a task back (shutdown, retryable error): PENDING again, the lease cleared. */
  release(taskId: string, owner: string, options: { refundAttempt: boolean }): Promise<boolean>;
  /** The final answer reached the thread: COMPLETED. */
  complete(taskId: string, owner: string, now: Date): Promise<boolean>;
  /** FAILED, with what the user was told. `owner` null: fail regardless of lease (exhausted). */
  fail(
    taskId: string,
    owner: string | null,
    error: { code: string; message: string },
    now: Date,
  ): Promise<boolean>;
}
