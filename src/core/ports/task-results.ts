/** The results port: what a run keeps on its task so that a re-run delivers instead of recomputing. */
import type { TaskUsage } from '../task.ts';

export interface TaskResults {
  /**
   * Stores the answer before it is delivered. `result` is any JSON-serialisable object
   * (the worker's stored reply). False when the lease is no longer ours.
   */
  saveResult(taskId: string, owner: string, result: object, usage?: TaskUsage): Promise<boolean>;
  /** Records the uploaded chart, so a re-run does not upload it twice. */
  setChartFile(taskId: string, fileId: string): Promise<void>;
}
