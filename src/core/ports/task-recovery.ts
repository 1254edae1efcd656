/** The recovery port: finding the tasks that need a worker again (see queue/recover-tasks.ts). */
export interface TaskRecovery {
  /** Ids of tasks that need a worker: PENDING, or RUNNING with an expired lease. */
  findRecoverable(now: Date, options?: { pendingOlderThan?: Date; limit?: number }): Promise<string[]>;
  /**
   * Gives back, at once, the RUNNING tasks held by any lease owner other than `owner`
   * (embedded single-process mode: such an owner is a dead earlier process). They become
   * PENDING with the lease cleared; the dead attempt stays counted. Returns their ids.
   */
  reclaimFromOtherOwners(owner: string): Promise<string[]>;
}
