/** The admission port: what intake (and the digest scheduler) need to accept a new task. */
import type { NewTask, Task } from '../task.ts';

/** What admitting a question came to. */
export type Admission =
  | { status: 'created'; task: Task }
  /** This event was accepted before (a redelivery): the task made from it then. */
  | { status: 'existing'; task: { id: string; locale: string } }
  /** The asker has reached the limit of questions in the window; nothing was stored. */
  | { status: 'limited' };

export interface TaskAdmission {
  /**
   * Dedupe, rate limit and store in one round trip, as it is on Slack's 3-second ack path:
   * the task already made from this event if any; else, when the asker sent fewer than
   * `quota.limit` questions in the workspace since `quota.since`, the new task.
   */
  admit(input: NewTask, quota: { since: Date; limit: number }): Promise<Admission>;
  /** A duplicate idempotency key creates nothing and returns the task made first. */
  create(input: NewTask): Promise<{ task: Task; created: boolean }>;
}
