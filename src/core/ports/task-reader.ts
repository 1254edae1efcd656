/** The read port: one task by id, for those that only look (buttons, push pre-checks, tracing). */
import type { Task } from '../task.ts';

export interface TaskReader {
  get(taskId: string): Promise<Task | null>;
}
