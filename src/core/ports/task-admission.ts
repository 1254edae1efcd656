/** The admission port: what intake (and the digest scheduler) need to accept a new task. */
import type { NewTask, Task } from '../task.ts';

export interface TaskAdmission {
  /**
   * What intake needs before accepting a question, in one round trip (it is on Slack's
   * 3-second ack path): the task already made from this event, if any, and how many
   * questions this user asked in the workspace since `since`.
   */
  admission(
    key: string,
    workspaceId: string,
    userId: string,
    since: Date,
    /** Counting stops here: the answer only needs to know whether the limit is reached. */
    limit: number,
  ): Promise<{ existing: { id: string; locale: string } | null; recent: number }>;
  /** A duplicate idempotency key creates nothing and returns the task made first. */
  create(input: NewTask): Promise<{ task: Task; created: boolean }>;
}
